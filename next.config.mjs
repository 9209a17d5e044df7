import process from 'node:process';

/**
 * Headers every answer carries. The pages' Content-Security-Policy is not here: it holds a fresh nonce per
 * response, so proxy.ts sets it (server/api/request-guard.ts builds it).
 */
const EVERY_RESPONSE = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Mapping names and ids sit in our paths: another site learns nothing from a link followed out of the studio.
  { key: 'Referrer-Policy', value: 'same-origin' },
  // For browsers that predate CSP frame-ancestors.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  // Nothing here is meant to be loaded by another site's page, not even an image.
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
];

/** API answers are data, never a document: nothing in them may load or run, nor be framed. */
const API_RESPONSE = [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded by Node at run time, never bundled: a native addon, and exceljs (large, with its own optional requires).
  serverExternalPackages: ['better-sqlite3', 'exceljs'],
  // Type checking is `npm test`'s job (`npm run typecheck`: the whole project, tests included). In the build it
  // took ~20 s of a ~60 s first `npm start` on two cores, re-checking a subset of the same files.
  typescript: { ignoreBuildErrors: true },
  // bin/start.js builds with LEDGERLINK_BUILD_CACHE=off: writing Turbopack's persistent cache (~200 MB) cost a
  // first `npm start` ~20 s of CPU on two cores (74 s instead of 54 s) for rebuilds a user rarely makes. Builds
  // for tests and development keep it: with it a rebuild after a small change took 22 s of CPU instead of 54 s.
  ...(process.env.LEDGERLINK_BUILD_CACHE === 'off' ? { experimental: { turbopackFileSystemCacheForBuild: false } } : {}),
  poweredByHeader: false,
  reactStrictMode: true,
  async headers() {
    return [
      { source: '/:path*', headers: EVERY_RESPONSE },
      { source: '/api/:path*', headers: API_RESPONSE },
    ];
  },
};

export default nextConfig;
