import { describe, expect, it } from 'vitest';
import { hasCredentials, parseTeamsConfig } from './config.js';

describe('TeamsConfig', () => {
  it('runs in local mode without credentials, single-tenant by default', () => {
    const config = parseTeamsConfig({});
    expect(config).toEqual({ appType: 'SingleTenant' });
    expect(hasCredentials(config)).toBe(false);
  });

  it('accepts a single-tenant password registration', () => {
    const config = parseTeamsConfig({ appId: 'id', appPassword: 'pw', appTenantId: 'tenant' });
    expect(hasCredentials(config)).toBe(true);
    expect(config.appType).toBe('SingleTenant');
  });

  it('accepts a multi-tenant registration without tenant and a certificate instead of a password', () => {
    expect(parseTeamsConfig({ appId: 'id', appPassword: 'pw', appType: 'MultiTenant' }).appType).toBe('MultiTenant');
    expect(
      parseTeamsConfig({ appId: 'id', appTenantId: 't', certificateThumbprint: 'AB', certificatePrivateKey: 'KEY' }).certificateThumbprint,
    ).toBe('AB');
  });

  it('names the missing or wrong field, never the secret', () => {
    expect(() => parseTeamsConfig({ appId: 'id', appPassword: 'hunter2' })).toThrow(/teams\.appTenantId: required for appType SingleTenant/);
    expect(() => parseTeamsConfig({ appId: 'id', appPassword: 'hunter2' })).not.toThrow(/hunter2/);
    expect(() => parseTeamsConfig({ appId: 'id', appTenantId: 't' })).toThrow(/teams\.appPassword: required/);
    expect(() => parseTeamsConfig({ appPassword: 'hunter2' })).toThrow(/teams\.appId: required/);
    expect(() => parseTeamsConfig({ appId: 'id', appPassword: 'p', appType: 'Both' })).toThrow(/teams\.appType/);
    expect(() =>
      parseTeamsConfig({ appId: 'id', appTenantId: 't', certificateThumbprint: 'AB' }),
    ).toThrow(/teams\.certificatePrivateKey: required with certificateThumbprint/);
    expect(() => parseTeamsConfig({ appid: 'typo' })).toThrow(/appid/);
  });
});
