/**
 * CIFAR-10 as the worker holds it: where it came from, bytes received, and whether it is
 * ready. Loading goes through the worker (`loadData`); the page never parses the training set.
 */
import type { StateCreator } from 'zustand';
import type { DataSource, ErrorData } from '../../protocol/messages.ts';
import type { LabState, SliceDeps } from './index.ts';

export type DataSourceKind = DataSource['kind'];

export interface DataState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  source: DataSourceKind | null;
  /** Words for the source: the URL, the file names, the served folder. */
  sourceLabel: string;
  loadedBytes: number;
  totalBytes: number | null;
  file: string | null;
  /** From `dataReady`. */
  description: string;
  trainCount: number;
  testCount: number;
  error: ErrorData | null;
  /** When the load started (ms), for a rate. */
  startedAt: number;
}

export interface DataSlice {
  data: DataState;
  /** The last source loaded: test images for the results panel are read from it. */
  dataSource: DataSource | null;
  loadData: (source: DataSource) => void;
}

export const INITIAL_DATA: DataState = {
  status: 'idle', source: null, sourceLabel: '', loadedBytes: 0, totalBytes: null, file: null,
  description: '', trainCount: 0, testCount: 0, error: null, startedAt: 0,
};

export function describeSource(s: DataSource): string {
  switch (s.kind) {
    case 'served': return `prepared data at ${s.baseUrl}`;
    case 'url': return s.url;
    case 'archive': return `the archive you chose (${(s.blob as File).name ?? 'archive'})`;
    case 'files': return s.files.map((f) => f.name).join(', ');
  }
}

export const createDataSlice = (deps: SliceDeps): StateCreator<LabState, [], [], DataSlice> => (set) => ({
  data: INITIAL_DATA,
  dataSource: null,
  loadData: (source) => {
    set({
      dataSource: source,
      data: { ...INITIAL_DATA, status: 'loading', source: source.kind, sourceLabel: describeSource(source), startedAt: deps.now() },
    });
    deps.send({ type: 'loadData', source });
  },
});
