import { memo } from 'react';
import type { ReactElement } from 'react';
import type { AttrValue } from '../../../preload/dynamodb';
import { compactValue, sizeOf, typeOf, TYPE_NAMES } from './values';

/** A value in one line with a small type badge; text is always rendered as text, never as markup. */
export const ValueCell = memo(function ValueCell({ value }: { value: AttrValue }): ReactElement {
  const type = typeOf(value);
  const size = sizeOf(value);
  const text = compactValue(value);
  return (
    <>
      <span className={`type-badge type-${type}`} title={`${TYPE_NAMES[type]}${size !== undefined ? ` · ${size} ${size === 1 ? 'element' : 'elements'}` : ''}`}>{type}</span>
      <span className={`cell-value cell-${type}`} title={text.length > 24 || size !== undefined ? compactValue(value, 1000) : undefined}>{text}</span>
    </>
  );
});
