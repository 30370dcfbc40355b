/** "Copy link" (the experiment) and "Share trained model" (the experiment + the trained parameters in the fragment). */
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../app/labStore.ts';
import { linkFor, queryOf } from '../../hooks/useUrlSync.ts';
import { formatBytes } from '../../lib/format.ts';
import { configIssues } from '../../store/configSlice.ts';
import { encodeModelFragment, MAX_MODEL_FRAGMENT_CHARS } from '../../url/modelLink.ts';
import { copyText } from './download.ts';
import type { LinkOutput } from './SharePanel.tsx';

export function LinkButtons({ onLink, onMessage }: { onLink: (o: LinkOutput) => void; onMessage: (m: string | null) => void }) {
  const s = useLab(useShallow((st) => ({
    config: st.config, backendChoice: st.backendChoice, valid: configIssues(st.config).length === 0,
    run: st.run, hasResults: !!st.run?.results && st.run.status !== 'imported', requestCheckpoint: st.requestCheckpoint,
  })));
  const share = async (kind: string, url: string) => {
    onLink({ kind, url, copied: await copyText(url) });
  };
  const copyLink = () => void share('Link to this experiment', linkFor(queryOf({ ...s, embed: false, hide: [] })));
  const copyRunLink = () => void share('Link that starts this experiment', linkFor(queryOf({ ...s, embed: false, hide: [] }, true)));
  const shareModel = async () => {
    onMessage(null);
    try {
      const bytes = await s.requestCheckpoint();
      const fragment = await encodeModelFragment(bytes);
      if (fragment.length > MAX_MODEL_FRAGMENT_CHARS) {
        onMessage(`This model is ${formatBytes(fragment.length)} as a link, too long to share that way: download the checkpoint instead.`);
        return;
      }
      const cfg = s.run!.config;
      await share(`Link to the trained model (${formatBytes(fragment.length)})`, linkFor(queryOf({ config: cfg, backendChoice: s.backendChoice, embed: false, hide: [] }), fragment));
    } catch (e) {
      onMessage(`Could not share the model: ${(e as Error).message}`);
    }
  };
  return (
    <div className="row">
      <button type="button" data-testid="share.copy" disabled={!s.valid} onClick={copyLink}>Copy link</button>
      <button type="button" data-testid="share.copyRun" disabled={!s.valid} onClick={copyRunLink}>Copy link that starts it</button>
      <button type="button" data-testid="share.model" disabled={!s.hasResults} onClick={() => void shareModel()}
        title="The frozen weights follow from the seed; the link carries the trained numbers.">Share trained model</button>
    </div>
  );
}
