import { describe, expect, it } from 'vitest';
import { clientAddressOf, loginUrlFor, readSessionToken, safeNextPath } from './session-cookie';

describe('safeNextPath', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeNextPath('/mappings/travel/edit?section=lines')).toBe('/mappings/travel/edit?section=lines');
  });
  it.each(['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', 'mappings', '', null, '/\u0000x', '/login'])(
    'sends %j to the start page',
    (next) => expect(safeNextPath(next)).toBe('/'),
  );
  it('builds the login URL with an encoded return path', () => {
    expect(loginUrlFor('/tables/departments?x=1')).toBe('/login?next=%2Ftables%2Fdepartments%3Fx%3D1');
    expect(loginUrlFor('/')).toBe('/login');
  });
});

describe('request helpers', () => {
  it('reads the session token among other cookies', () => {
    expect(readSessionToken('ledgerlink-locale=en; ledgerlink_session=abc_DEF-1; x=y')).toBe('abc_DEF-1');
    expect(readSessionToken('ledgerlink_sessionx=1')).toBeNull();
    expect(readSessionToken(null)).toBeNull();
  });
  it('takes the nearest hop of X-Forwarded-For as the client address', () => {
    expect(clientAddressOf(new Request('http://h/', { headers: { 'x-forwarded-for': '10.0.0.1, 192.0.2.4' } }))).toBe('192.0.2.4');
    expect(clientAddressOf(new Request('http://h/'))).toBeNull();
  });
});
