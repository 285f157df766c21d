import { useEffect, useId, useState } from 'react';
import type { ReactElement } from 'react';
import { COMMON_REGIONS, REGION_RE } from './regions';

/** Free-text region with common regions suggested; applied on Enter, on leaving the field or on picking a suggestion. */
export function RegionPicker({ value, appRegion, onChange }: { value: string; appRegion: string; onChange: (region: string) => void }): ReactElement {
  const id = useId();
  const listId = useId();
  const [text, setText] = useState(value || appRegion);
  const [error, setError] = useState<string>();
  useEffect(() => {
    setText(value || appRegion);
    setError(undefined);
  }, [value, appRegion]);

  const apply = (t: string): void => {
    const r = t.trim();
    if (r === (value || appRegion)) {
      setError(undefined);
      return;
    }
    if (!r) {
      setError(undefined);
      onChange('');
      return;
    }
    if (!REGION_RE.test(r)) {
      setError('A region such as us-east-1');
      return;
    }
    setError(undefined);
    onChange(r === appRegion ? '' : r);
  };

  return (
    <div className="filter tables-region-picker">
      <label htmlFor={id}>Region</label>
      <input
        id={id}
        className="input"
        list={listId}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        placeholder={appRegion}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => {
          setText(e.target.value);
          // Picking a suggestion from the list applies it at once.
          const how = (e.nativeEvent as Partial<InputEvent>).inputType;
          if ((COMMON_REGIONS as readonly string[]).includes(e.target.value) && (!how || how === 'insertReplacementText')) apply(e.target.value);
        }}
        onBlur={() => apply(text)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply(text);
          } else if (e.key === 'Escape') {
            setText(value || appRegion);
            setError(undefined);
          }
        }}
      />
      <datalist id={listId}>
        {COMMON_REGIONS.map((r) => <option key={r} value={r}>{r === appRegion ? 'the app\'s region' : undefined}</option>)}
      </datalist>
      {error ? <p className="field-error" id={`${id}-error`} role="alert">{error}</p> : null}
    </div>
  );
}
