import { useState } from 'react';
import type { ReactElement, ReactNode } from 'react';
import { call, transport } from '../../api';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { useToast } from '../../components/Toast';

/**
 * The file of an export or an import. The desktop app picks it in its native dialog (the main side
 * accepts only paths chosen there); in a browser (`airlock ui`) the user types a path on this machine.
 */
export function PathField({ purpose, value, onChange, error, placeholder, hint, suggestedName, optional, autoFocus }: {
  purpose: 'export' | 'import';
  value: string;
  onChange: (path: string) => void;
  error?: string | undefined;
  placeholder?: string;
  hint: ReactNode;
  suggestedName?: string;
  optional?: boolean;
  autoFocus?: boolean;
}): ReactElement {
  const toast = useToast();
  const [choosing, setChoosing] = useState(false);
  const native = transport === 'electron';

  const choose = async (): Promise<void> => {
    setChoosing(true);
    try {
      const r = await call('files.choose', { purpose, ...(suggestedName ? { suggestedName } : {}) });
      if (r.path) onChange(r.path);
    } catch (err) {
      toast.error('Could not open the file dialog', err);
    } finally {
      setChoosing(false);
    }
  };

  return (
    <div className="path-field">
      <TextField
        label="File path"
        optional={optional}
        value={value}
        readOnly={native}
        onChange={native ? undefined : (e) => onChange(e.target.value)}
        error={error}
        placeholder={native ? (optional ? 'Downloads folder (default)' : 'Choose a file') : placeholder}
        autoComplete="off"
        spellCheck={false}
        data-autofocus={autoFocus && !native ? true : undefined}
        hint={native ? (purpose === 'export' ? 'Choose where to save it, or leave it to go to your Downloads folder.' : 'Choose the file to import.') : hint}
      />
      {native ? <Button icon="download" onClick={() => void choose()} busy={choosing}>Choose…</Button> : null}
    </div>
  );
}
