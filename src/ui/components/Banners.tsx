/** What the opened link held that was not used, and the latest error or notice. */
import { useShallow } from 'zustand/react/shallow';
import { useLab } from '../app/labStore.ts';

export function Banners() {
  const s = useLab(useShallow((st) => ({ ignored: st.urlIgnored, dismiss: st.dismissUrlIgnored, notice: st.notice, setNotice: st.setNotice })));
  return (
    <>
      {s.ignored.length ? (
        <div className="banner" role="alert" data-testid="url.ignored">
          <strong>Some settings in this link were not used</strong>; defaults apply instead:
          <ul>
            {s.ignored.map((i, k) => (
              <li key={k}><span className="mono">{i.key}={i.value}</span> — {i.reason}</li>
            ))}
          </ul>
          <button type="button" onClick={s.dismiss}>Dismiss</button>
        </div>
      ) : null}
      {s.notice ? (
        <div className={`banner${s.notice.kind === 'error' ? ' error' : ''}`} role={s.notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
          {s.notice.text} <button type="button" onClick={() => s.setNotice(null)}>Dismiss</button>
        </div>
      ) : null}
    </>
  );
}
