import { useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { Button } from './Button';
import { useToast } from './Toast';

/** Copies text with the async clipboard API; says "Copied" for a moment, or why it could not. */
export function CopyButton({ text, label = 'Copy', ariaLabel, variant = 'secondary', size = 'sm', iconOnly = false }: {
  text: string;
  label?: string;
  ariaLabel?: string;
  variant?: 'secondary' | 'ghost' | 'primary';
  size?: 'sm' | 'md';
  iconOnly?: boolean;
}): ReactElement {
  const [copied, setCopied] = useState(false);
  const toast = useToast();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setCopied(false), 1600);
    } catch (err) {
      toast.error('Could not copy to the clipboard', new Error(`${err instanceof Error ? err.message : String(err)}. Select the text and press Ctrl+C instead.`));
    }
  };
  const name = ariaLabel ?? label;
  return (
    <Button
      variant={variant}
      size={size}
      icon={copied ? 'check' : 'copy'}
      onClick={() => void copy()}
      aria-label={name}
      title={name}
      className={copied ? 'is-copied' : undefined}
    >
      {iconOnly ? undefined : <span className="copy-label"><span aria-hidden={copied}>{label}</span><span className="copy-done" aria-hidden={!copied}>Copied</span></span>}
    </Button>
  );
}
