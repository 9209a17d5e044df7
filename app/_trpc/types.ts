import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '#server/api/root';

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type PreviewResult = RouterOutputs['preview']['run'];
export type MappingSummary = RouterOutputs['mappings']['list'][number];
