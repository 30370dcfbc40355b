/**
 * The experiment being set up: config, backend choice, embed flags and what the URL asked for
 * but was ignored. Values may be invalid while the user types; `configIssues` says which
 * field is wrong and why, and Start stays disabled until there are none.
 */
import type { StateCreator } from 'zustand';
import { DEFAULT_CONFIG, validateConfig, type ConfigIssue, type ExperimentConfig } from '../../core/config.ts';
import { DEFAULT_SETTINGS, type BackendChoice, type HideKey, type IgnoredParam, type UrlState } from '../url/codec.ts';
import type { LabState } from './index.ts';

export interface ConfigSlice {
  config: ExperimentConfig;
  backendChoice: BackendChoice;
  /** `embed=1`: classroom mode. */
  embed: boolean;
  hide: HideKey[];
  /** `run=1` asked to start as soon as data is ready; cleared once acted on. */
  autoRun: boolean;
  /** What the opened link held that could not be used. */
  urlIgnored: IgnoredParam[];
  setField: <K extends keyof ExperimentConfig>(field: K, value: ExperimentConfig[K]) => void;
  applyPreset: (values: Partial<ExperimentConfig>) => void;
  setBackendChoice: (b: BackendChoice) => void;
  setEmbed: (embed: boolean, hide?: HideKey[]) => void;
  applyUrlState: (state: UrlState, ignored: IgnoredParam[]) => void;
  clearAutoRun: () => void;
  dismissUrlIgnored: () => void;
}

export const createConfigSlice: StateCreator<LabState, [], [], ConfigSlice> = (set) => ({
  config: { ...DEFAULT_CONFIG },
  backendChoice: DEFAULT_SETTINGS.backend,
  embed: false,
  hide: [],
  autoRun: false,
  urlIgnored: [],
  setField: (field, value) => set((s) => ({ config: { ...s.config, [field]: value } })),
  applyPreset: (values) => set((s) => ({ config: { ...s.config, ...values } })),
  setBackendChoice: (backendChoice) => set({ backendChoice }),
  setEmbed: (embed, hide) => set((s) => ({ embed, hide: hide ?? s.hide })),
  applyUrlState: (u, ignored) =>
    set({ config: u.config, backendChoice: u.settings.backend, embed: u.embed, hide: u.hide, autoRun: u.run, urlIgnored: ignored }),
  clearAutoRun: () => set({ autoRun: false }),
  dismissUrlIgnored: () => set({ urlIgnored: [] }),
});

const issueCache = new WeakMap<ExperimentConfig, ConfigIssue[]>();

/** Problems of the config being edited, by field (memoised per config object). */
export function configIssues(config: ExperimentConfig): ConfigIssue[] {
  let hit = issueCache.get(config);
  if (!hit) {
    hit = validateConfig(config as unknown as Record<string, unknown>).issues;
    issueCache.set(config, hit);
  }
  return hit;
}
