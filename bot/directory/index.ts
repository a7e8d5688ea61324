/** Load and validate the vertrouwenspersonen directory (YAML or JSON); map it to the core's Contact shape. */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { ZodError } from 'zod';
import type { Contact } from '../core/types.js';
import { DirectorySchema, type Directory } from './schema.js';

export { DirectorySchema, type Directory } from './schema.js';

export class DirectoryError extends Error {
  override name = 'DirectoryError';
}

/** `internal[0].email: Invalid email` */
export function formatIssues(error: ZodError): string {
  return error.issues
    .map((i) => {
      const path = i.path.reduce<string>(
        (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : String(p)),
        '',
      );
      return `${path || '(root)'}: ${i.message}`;
    })
    .join('; ');
}

export function parseDirectory(raw: unknown, source = 'directory'): Directory {
  const result = DirectorySchema.safeParse(raw);
  if (!result.success) throw new DirectoryError(`${source}: ${formatIssues(result.error)}`);
  return result.data;
}

export function loadDirectory(path: string): Directory {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new DirectoryError(`${path}: cannot read directory file (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let raw: unknown;
  try {
    raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new DirectoryError(`${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'} (${(e as Error).message.split('\n')[0]})`);
  }
  return parseDirectory(raw, path);
}

export function internalContacts(d: Directory): Contact[] {
  return d.internal.map((vp) => ({
    id: vp.id,
    role: 'internal-vp' as const,
    name: vp.name,
    email: vp.email,
    ...(vp.phone ? { phone: vp.phone } : {}),
    ...(vp.slackUserId ? { slackUserId: vp.slackUserId } : {}),
    ...(vp.teamsUserId ? { teamsUserId: vp.teamsUserId } : {}),
    languages: vp.languages,
  }));
}

export function externalContact(d: Directory): Contact | undefined {
  const e = d.external;
  if (!e) return undefined;
  return {
    id: e.id,
    role: 'external-vp',
    name: e.organisation ? `${e.name} (${e.organisation})` : e.name,
    ...(e.email ? { email: e.email } : {}),
    ...(e.phone ? { phone: e.phone } : {}),
    ...(e.url ? { url: e.url } : {}),
    languages: e.languages,
  };
}

export function coordinatorContact(d: Directory): Contact {
  const c = d.coordinator;
  return { id: c.id, role: 'coordinator', name: c.name, email: c.email, ...(c.phone ? { phone: c.phone } : {}) };
}

export function huisContact(d: Directory): Contact {
  return {
    id: 'huis-voor-klokkenluiders',
    role: 'huis-klokkenluiders',
    name: 'Huis voor Klokkenluiders (adviespunt)',
    phone: d.huisVoorKlokkenluiders.phone,
    url: d.huisVoorKlokkenluiders.url,
  };
}

/** Every contact a handoff shows, in the order it shows them. */
export function handoffContacts(d: Directory): Contact[] {
  const ext = externalContact(d);
  return [...internalContacts(d), ...(ext ? [ext] : []), coordinatorContact(d), huisContact(d)];
}

/**
 * True for a directory of made-up people, such as the shipped example (every name and the organisation marked
 * "fictief"): a handoff would send someone to a person who does not exist, so the server warns at start.
 */
export function isFictional(d: Directory): boolean {
  const names = [d.organisation, ...d.internal.map((vp) => vp.name), d.external?.name, d.coordinator.name];
  return names.some((n) => n !== undefined && /\((fictief|fictional)\)/i.test(n));
}
