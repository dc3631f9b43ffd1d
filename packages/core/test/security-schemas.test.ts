import { describe, expect, it } from '@jest/globals';
import { ArtemisError, createTokenRequestSchema, createUserRequestSchema, decode, loginRequestSchema, updateUserRequestSchema } from '../src/index.js';

describe('security request schemas', () => {
  it('reads valid bodies, leaving absent optional fields absent', () => {
    expect(decode(createTokenRequestSchema, { name: 'deploy', role: 'operator' })).toEqual({ name: 'deploy', role: 'operator' });
    expect(decode(createTokenRequestSchema, { name: 'd', role: 'viewer', expiresInSeconds: 3600, serviceIds: ['orders'] })).toEqual({ name: 'd', role: 'viewer', expiresInSeconds: 3600, serviceIds: ['orders'] });
    expect(Object.keys(decode(updateUserRequestSchema, { userName: 'alice', disabled: true }))).toEqual(['userName', 'disabled']);
  });

  it('refuses unknown roles, short passwords, odd user names and oversized values as bad-request', () => {
    const refused = (run: () => unknown) => {
      expect(run).toThrow(ArtemisError);
    };
    refused(() => decode(createUserRequestSchema, { userName: 'alice', password: 'short', role: 'admin' }));
    refused(() => decode(createUserRequestSchema, { userName: 'al ice', password: 'correct horse battery', role: 'admin' }));
    refused(() => decode(createUserRequestSchema, { userName: 'alice', password: 'correct horse battery', role: 'root' }));
    refused(() => decode(loginRequestSchema, { userName: 'alice', password: 'x'.repeat(2000) }));
    refused(() => decode(loginRequestSchema, { userName: '', password: 'x' }));
    refused(() => decode(createTokenRequestSchema, { name: 'd', role: 'viewer', expiresInSeconds: 1.5 }));
    refused(() => decode(createTokenRequestSchema, { name: 'd', role: 'viewer', serviceIds: [] }));
  });
});
