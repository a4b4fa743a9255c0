import { useMemo, useState } from 'react';
import type { ProductQuery, ProductSort } from '../../services/catalog';

/** The filter sheet's choices; prices are fen. */
export interface SearchFilters {
  brand?: string;
  minPrice?: number;
  maxPrice?: number;
}

/** The sort tabs: 综合 leaves the order to the BFF (best sellers first). */
export type SortTab = 'default' | ProductSort;

export interface SearchModel {
  /** The word the results are for; null before the first search. */
  word: string | null;
  sort: SortTab;
  filters: SearchFilters;
  filtersActive: boolean;
  /** What GET /api/products is asked; null while there is nothing to look for. */
  query: ProductQuery | null;
  submit: (word: string) => void;
  setSort: (sort: SortTab) => void;
  setFilters: (filters: SearchFilters) => void;
}

/**
 * What the results are for: the submitted word (or the category the page was opened for), the
 * sort tab and the filters. A new word keeps the sort but drops the filters (brands differ).
 */
export function useSearch(initial: { word: string | null; categoryId: number | null }): SearchModel {
  const [word, setWord] = useState<string | null>(initial.word);
  const [sort, setSort] = useState<SortTab>('default');
  const [filters, setFilters] = useState<SearchFilters>({});
  const { categoryId } = initial;

  const query = useMemo<ProductQuery | null>(() => {
    if (word === null && categoryId === null) return null;
    return {
      q: word ?? undefined,
      categoryId: categoryId ?? undefined,
      sort: sort === 'default' ? undefined : sort,
      brand: filters.brand,
      minPrice: filters.minPrice,
      maxPrice: filters.maxPrice,
    };
  }, [word, categoryId, sort, filters]);

  const submit = (next: string) => {
    setWord(next);
    setFilters({});
  };

  const filtersActive = filters.brand !== undefined || filters.minPrice !== undefined || filters.maxPrice !== undefined;
  return { word, sort, filters, filtersActive, query, submit, setSort, setFilters };
}
