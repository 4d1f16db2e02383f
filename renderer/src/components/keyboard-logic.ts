/** What a key press does to a field's value. Pure, so it is unit-tested without a DOM. */
export type KeyAction = { type: 'char'; char: string } | { type: 'backspace' } | { type: 'space' } | { type: 'clear' };

export function applyKey(value: string, action: KeyAction, maxLength: number): string {
  const chars = Array.from(value);
  switch (action.type) {
    case 'backspace':
      return chars.slice(0, -1).join('');
    case 'clear':
      return '';
    case 'space':
      return chars.length < maxLength && chars.length > 0 && chars.at(-1) !== ' ' ? `${value} ` : value;
    case 'char':
      return chars.length < maxLength ? value + action.char : value;
  }
}
