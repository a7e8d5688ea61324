/** Host names and addresses: what counts as "this machine only", and which Host headers the server answers. */
import net from 'node:net';

/** True for names and addresses that only this machine can reach: localhost, 127.0.0.0/8, ::1 (also in brackets or IPv4-mapped). */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/^::ffff:/, '');
  // Only the bare name: a resolver may send "x.localhost" to DNS.
  if (h === 'localhost') return true;
  if (net.isIPv4(h)) return h.startsWith('127.');
  return net.isIPv6(h) && /^(0*:)*:?0*1$/.test(h);
}

/** The host name of a URL ("" when it is not one), without brackets around an IPv6 address. */
export function urlHostname(value: string): string {
  try {
    return new URL(value).hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return '';
  }
}
