/**
 * Sharing and keeping: the link to this experiment, a link carrying the trained model, the
 * classroom/embed link, metrics as CSV/JSON, and checkpoints to download or import.
 */
import { useState } from 'react';
import { useLab } from '../../app/labStore.ts';
import { CheckpointButtons } from './CheckpointButtons.tsx';
import { EmbedOptions } from './EmbedOptions.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { LinkButtons } from './LinkButtons.tsx';

/** The link the last button made, shown so it can be copied by hand when the clipboard refuses. */
export interface LinkOutput {
  kind: string;
  url: string;
  copied: boolean;
}

export function SharePanel() {
  const hidden = useLab((s) => s.embed && s.hide.includes('share'));
  const [out, setLink] = useState<(LinkOutput & { serial: number }) | null>(null);
  const setOut = (o: LinkOutput) => setLink((prev) => ({ ...o, serial: (prev?.serial ?? 0) + 1 }));
  const [message, setMessage] = useState<string | null>(null);
  if (hidden) return null;
  return (
    <section className="panel" aria-labelledby="share-h" data-testid="panel.share">
      <h2 id="share-h">Share and export</h2>
      <LinkButtons onLink={setOut} onMessage={setMessage} />
      {out ? (
        <div className="field" style={{ marginTop: '0.5rem' }}>
          <label htmlFor="share-link">{out.kind}{out.copied ? ' (copied)' : ' — copy it from here'}</label>
          <input id="share-link" readOnly value={out.url} data-testid="share.link" data-serial={out.serial} onFocus={(e) => e.target.select()} />
        </div>
      ) : null}
      <EmbedOptions onLink={setOut} />
      <ExportButtons onMessage={setMessage} />
      <CheckpointButtons onMessage={setMessage} />
      {message ? <p className="small" role="status" data-testid="share.message">{message}</p> : null}
    </section>
  );
}
