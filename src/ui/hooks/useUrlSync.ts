/**
 * The one hook that touches `location` and `history`. On mount it decodes the query (the
 * experiment, `run`, `embed`, `hide`) and the fragment (a shared trained model) into the
 * store; afterwards it mirrors the config into the query with `history.replaceState`
 * (never while the config is invalid, and without `run=1`, so a reload does not restart).
 * The fragment with a shared model is kept until the settings change.
 */
import { useEffect } from 'react';
import { labStore } from '../app/labStore.ts';
import { configIssues } from '../store/configSlice.ts';
import type { LabState } from '../store/index.ts';
import { decodeUrlState, encodeUrlState } from '../url/codec.ts';
import { decodeModelFragment, ModelLinkError } from '../url/modelLink.ts';

/** The query for the current state, as a share link would carry it (no `run`). */
export function queryOf(s: Pick<LabState, 'config' | 'backendChoice' | 'embed' | 'hide'>, run = false): string {
  return encodeUrlState({ config: s.config, settings: { backend: s.backendChoice }, experiment: null, run, embed: s.embed, hide: s.hide });
}

/** An absolute link to this page with the given query and fragment. */
export function linkFor(query: string, fragment = ''): string {
  const url = new URL(window.location.href);
  url.search = query;
  url.hash = fragment;
  return url.href;
}

/** Read the link once per page, even if effects run twice (StrictMode). */
let linkRead = false;

export function useUrlSync(): void {
  useEffect(() => {
    const store = labStore();
    const first = !linkRead;
    linkRead = true;
    const { state, ignored } = decodeUrlState(window.location.search);
    if (first) store.getState().applyUrlState(state, ignored);
    let modelHash = window.location.hash.includes('model=') ? window.location.hash : '';
    if (modelHash && first) {
      decodeModelFragment(modelHash).then(
        (bytes) => bytes && store.getState().importModel(bytes, 'Shared model'),
        (e: unknown) => store.getState().setNotice({ kind: 'error', text: e instanceof ModelLinkError ? e.message : String(e) }),
      );
    }
    let lastQuery: string | null = null;
    const write = (s: LabState) => {
      if (configIssues(s.config).length) return;
      const query = queryOf(s);
      if (query === lastQuery) return;
      if (lastQuery !== null) modelHash = ''; // the settings changed: the shared model no longer matches them
      lastQuery = query;
      window.history.replaceState(window.history.state, '', `${window.location.pathname}?${query}${modelHash}`);
    };
    write(store.getState()); // normalise the URL now; `run=1` lives on in the store's autoRun only
    return store.subscribe((s, prev) => {
      if (s.config !== prev.config || s.backendChoice !== prev.backendChoice || s.embed !== prev.embed || s.hide !== prev.hide) write(s);
    });
  }, []);
}
