// The one-line message under the table (k9s model/flash.go): info, warn or error, cleared after a while.

export type FlashLevel = 'info' | 'warn' | 'error';

export interface Flash {
  readonly level: FlashLevel;
  readonly text: string;
  /** Epoch ms after which it is no longer shown. */
  readonly until: number;
}

/** k9s DefaultFlashDelay; errors stay twice as long. */
export const FLASH_MS = 6_000;

export type FlashAction =
  | { readonly type: 'show'; readonly level: FlashLevel; readonly text: string; readonly now: number }
  | { readonly type: 'expire'; readonly now: number }
  | { readonly type: 'clear' };

export function flashReducer(flash: Flash | null, action: FlashAction): Flash | null {
  switch (action.type) {
    case 'show': {
      const ms = action.level === 'error' ? FLASH_MS * 2 : FLASH_MS;
      return { level: action.level, text: action.text, until: action.now + ms };
    }
    case 'expire':
      return flash && flash.until <= action.now ? null : flash;
    case 'clear':
      return null;
  }
}
