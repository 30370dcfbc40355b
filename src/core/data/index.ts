/**
 * The CIFAR-10 data layer of src/core: parsing, streamed archive reading, subsets,
 * batching, statistics and the prepared-data manifest. Pure; re-exports only.
 */
export * from './cifarRecords.ts';
export * from './assemble.ts';
export * from './tarGz.ts';
export * from './subset.ts';
export * from './batches.ts';
export * from './stats.ts';
export * from './manifest.ts';
