/** Load cifar-10-binary.tar.gz from an https URL (the server must allow cross-origin reads). */
import { useId, useState } from 'react';
import { useLab } from '../../app/labStore.ts';
import { sourceFromUrl } from '../../data/sources.ts';

export function UrlLoader({ disabled }: { disabled: boolean }) {
  const id = useId();
  const load = useLab((s) => s.loadData);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form className="field" style={{ marginTop: '0.6rem' }} onSubmit={(e) => {
      e.preventDefault();
      const r = sourceFromUrl(text, window.location.origin);
      if ('error' in r) return setError(r.error);
      setError(null);
      load(r.source);
    }}>
      <label htmlFor={id}>…or an https URL of the archive</label>
      <div className="row">
        <input id={id} type="url" placeholder="https://…/cifar-10-binary.tar.gz" value={text} onChange={(e) => setText(e.target.value)}
          disabled={disabled} data-testid="data.url" style={{ flex: '1 1 12rem' }} aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-err` : ''}`} />
        <button type="submit" disabled={disabled || !text.trim()} data-testid="data.urlLoad">Load</button>
      </div>
      <span className="hint" id={`${id}-hint`}>The server must send CORS headers; most do not, and the browser then only says “failed to fetch”.</span>
      {error ? <span className="error" id={`${id}-err`} role="alert">{error}</span> : null}
    </form>
  );
}
