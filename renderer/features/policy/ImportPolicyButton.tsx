import { useRef, useState } from 'react';
import type { ReactElement } from 'react';
import type { Response } from '../../../preload/contract';
import { ApiError, call } from '../../api';
import { Button } from '../../components/Button';
import type { ButtonVariant } from '../../components/Button';
import { toApiError } from '../../lib/errors';

/** What policy.import accepts (the contract's limit on `text`). */
const MAX_CHARS = 1_048_576;

export interface ImportFailure {
  fileName: string;
  error: ApiError;
}

/**
 * "Import policy file…": a hidden file input (the same in Electron and in a browser: the page
 * reads the picked file and sends its text, no path crosses over), then policy.import.
 */
export function ImportPolicyButton({ onImported, onFailed, variant = 'primary' }: {
  onImported: (result: Response<'policy.import'>) => void;
  onFailed: (failure: ImportFailure | undefined) => void;
  variant?: ButtonVariant;
}): ReactElement {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);

  const importFile = async (file: File): Promise<void> => {
    setBusy(true);
    onFailed(undefined);
    try {
      if (file.size > MAX_CHARS) {
        throw new ApiError({ code: 'POLICY_TOO_LARGE', message: `${file.name} is ${Math.ceil(file.size / 1024)} KiB: Airlock takes policy files up to 1 MiB.` });
      }
      let text: string;
      try {
        text = await file.text();
      } catch (err) {
        throw new ApiError({ code: 'UNREADABLE_FILE', message: `Could not read ${file.name}: ${toApiError(err).message}` });
      }
      onImported(await call('policy.import', { fileName: file.name, text }));
    } catch (err) {
      onFailed({ fileName: file.name, error: toApiError(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".yaml,.yml"
        hidden
        aria-label="Policy file to import"
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared at once, so picking the same file again (after fixing it) fires a change.
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
      <Button variant={variant} icon="download" busy={busy} onClick={() => input.current?.click()}>Import policy file…</Button>
    </>
  );
}
