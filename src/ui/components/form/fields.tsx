/**
 * Labelled form controls that show their problem at the control (aria-invalid plus a message
 * tied by aria-describedby). NumberField keeps the text the user types and commits a number
 * only when the text parses; range and combination errors come from validateConfig.
 */
import { useId, useState, type ReactNode } from 'react';

interface FieldShell {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  testId?: string;
}

function Messages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string | null }) {
  return (
    <>
      {hint ? <span className="hint" id={`${id}-hint`}>{hint}</span> : null}
      {error ? <span className="error" id={`${id}-error`} role="alert">{error}</span> : null}
    </>
  );
}

const describedBy = (id: string, hint?: ReactNode, error?: string | null) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

export function NumberField(props: FieldShell & {
  value: number;
  onChange: (v: number) => void;
  disabled?: boolean;
  /** Suggested values (a datalist): any other value can still be typed. */
  suggestions?: readonly { value: number; label: string }[];
}) {
  const id = useId();
  const [text, setText] = useState(String(props.value));
  const [parseError, setParseError] = useState<string | null>(null);
  const [seen, setSeen] = useState(props.value);
  // Follow outside changes (presets, links) unless the text already means this value.
  if (seen !== props.value) {
    setSeen(props.value);
    if (!(Number(text) === props.value && text.trim() !== '')) setText(String(props.value));
    setParseError(null);
  }
  const error = parseError ?? props.error ?? null;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        disabled={props.disabled}
        list={props.suggestions ? `${id}-list` : undefined}
        autoComplete="off"
        data-testid={props.testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, error)}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          const v = Number(t);
          if (t.trim() === '' || !Number.isFinite(v)) setParseError(`"${t}" is not a number`);
          else {
            setParseError(null);
            props.onChange(v);
          }
        }}
      />
      {props.suggestions ? (
        <datalist id={`${id}-list`}>
          {props.suggestions.map((o) => <option key={o.value} value={o.value} label={o.label} />)}
        </datalist>
      ) : null}
      <Messages id={id} hint={props.hint} error={error} />
    </div>
  );
}

export function SelectField<T extends string>(props: FieldShell & {
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        disabled={props.disabled}
        data-testid={props.testId}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
      <Messages id={id} hint={props.hint} error={props.error} />
    </div>
  );
}

export function CheckField(props: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string; testId?: string; disabled?: boolean }) {
  const id = useId();
  return (
    <div className="check">
      <input id={id} type="checkbox" checked={props.checked} disabled={props.disabled} data-testid={props.testId}
        aria-describedby={props.hint ? `${id}-hint` : undefined} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? <span className="visually-hidden" id={`${id}-hint`}>{props.hint}</span> : null}
    </div>
  );
}
