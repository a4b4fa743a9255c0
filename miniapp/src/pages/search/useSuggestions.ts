import { useEffect, useRef, useState } from 'react';
import { getSearchSuggestions, type SearchSuggestion } from '../../services/catalog';

/** Typing pauses this long before the suggestions are asked for. */
export const SUGGEST_DEBOUNCE_MS = 250;

export interface Suggestions {
  /** The typed text the items are for (the box may already hold more). */
  word: string;
  items: SearchSuggestion[];
}

const NONE: Suggestions = { word: '', items: [] };

/**
 * 搜索联想 for the text in the box while the customer types: asked once typing pauses, and only
 * the answer for the latest text is kept — a slow answer for "y" arriving after the one for "yu"
 * is dropped, as is any answer once the box is cleared or left. Failures show nothing (the box
 * still searches on 搜索).
 */
export function useSuggestions(text: string, active: boolean): Suggestions {
  const [state, setState] = useState<Suggestions>(NONE);
  const latest = useRef(0);
  const word = active ? text.trim() : '';

  useEffect(() => {
    const request = ++latest.current;
    if (!word) {
      setState(NONE);
      return undefined;
    }
    const timer = setTimeout(() => {
      getSearchSuggestions(word, { silent: true }).then(
        (items) => {
          if (request === latest.current) setState({ word, items });
        },
        () => {
          if (request === latest.current) setState({ word, items: [] });
        },
      );
    }, SUGGEST_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [word]);

  return word ? state : NONE;
}
