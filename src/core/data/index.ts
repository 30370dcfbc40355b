/**
 * The CIFAR-10 data layer of src/core: parsing, streamed archive reading, subsets,
 * batching, statistics and the prepared-data manifest. Pure; re-exports only.
 */
export * from './cifarRecords';
export * from './assemble';
export * from './tarGz';
export * from './subset';
export * from './batches';
export * from './stats';
export * from './manifest';
