/** Classroom/embed mode: large type and chosen parts hidden; a link that opens it that way. */
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../../app/labStore.ts';
import { linkFor, queryOf } from '../../hooks/useUrlSync.ts';
import { HIDEABLE, type HideKey } from '../../url/codec.ts';
import { copyText } from './download.ts';
import type { LinkOutput } from './SharePanel.tsx';

export function EmbedOptions({ onLink }: { onLink: (o: LinkOutput) => void }) {
  const s = useLab(useShallow((st) => ({ embed: st.embed, hide: st.hide, setEmbed: st.setEmbed, config: st.config, backendChoice: st.backendChoice })));
  const toggle = (k: HideKey) => s.setEmbed(s.embed, s.hide.includes(k) ? s.hide.filter((x) => x !== k) : [...s.hide, k]);
  return (
    <details style={{ marginTop: '0.6rem' }}>
      <summary>Classroom / embed mode</summary>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="small muted">Hide in classroom mode:</legend>
        <div className="field-grid">
          {(Object.keys(HIDEABLE) as HideKey[]).map((k) => (
            <label key={k} className="check small">
              <input type="checkbox" checked={s.hide.includes(k)} onChange={() => toggle(k)} data-testid={`embed.hide.${k}`} />
              {HIDEABLE[k]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="row">
        <button type="button" aria-pressed={s.embed} data-testid="embed.toggle" onClick={() => s.setEmbed(!s.embed)}>
          {s.embed ? 'Leave classroom mode' : 'Classroom mode now'}
        </button>
        <button type="button" data-testid="embed.copy" onClick={async () => {
          const url = linkFor(queryOf({ ...s, embed: true }));
          onLink({ kind: 'Classroom link', url, copied: await copyText(url) });
        }}>Copy classroom link</button>
      </div>
    </details>
  );
}
