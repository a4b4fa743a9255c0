import Taro, { useReachBottom, useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { useProductList } from '../../hooks/useProductList';
import { useShare } from '../../platform/share';
import { addSearchHistory, clearSearchHistory, getSearchHistory } from '../../stores/searchHistory';
// ResultGrid first: shared components keep one import order across pages (components/README.md).
import { ResultGrid } from './parts/ResultGrid';
import { FilterSheet } from './parts/FilterSheet';
import { SearchHeader } from './parts/SearchHeader';
import { SearchSuggestions } from './parts/SearchSuggestions';
import { SortBar } from './parts/SortBar';
import { SuggestList } from './parts/SuggestList';
import { useSearch } from './useSearch';
import { useSuggestions } from './useSuggestions';
import './index.scss';
import { routes } from '../../routes';

/**
 * 搜索, and the product list of a category: `?q=` starts with results, `?categoryId=&title=`
 * lists that category (title in the navigation bar, no search box), no query starts typing.
 */
export default function SearchPage() {
  const { params } = useRouter();
  const categoryId = params.categoryId ? Number(params.categoryId) : null;
  const title = safeDecode(params.title);
  const initialWord = safeDecode(params.q) || null;
  const inCategory = categoryId !== null && Number.isInteger(categoryId);

  const search = useSearch({ word: initialWord, categoryId: inCategory ? categoryId : null });
  const [text, setText] = useState(initialWord ?? '');
  const [editing, setEditing] = useState(!inCategory && initialWord === null);
  const [history, setHistory] = useState<string[]>(() => getSearchHistory());
  const [sheetOpen, setSheetOpen] = useState(false);
  const list = useProductList(editing ? null : search.query);
  const suggestions = useSuggestions(text, editing);

  useEffect(() => {
    if (inCategory && title) void Taro.setNavigationBarTitle({ title });
  }, [inCategory, title]);

  useReachBottom(() => {
    if (!editing) list.loadMore();
  });
  useShare(() =>
    inCategory
      ? { title: `${title} · 悦享生活`, path: routes.search({ categoryId, title }) }
      : { title: '悦享生活 · 线上下单，门店自提', path: routes.search() },
  );

  const submit = (word: string) => {
    const term = word.trim();
    if (!term) {
      void Taro.showToast({ title: '请输入要搜索的商品', icon: 'none' });
      return;
    }
    setText(term);
    setHistory(addSearchHistory(term));
    search.submit(term);
    setEditing(false);
  };

  const clearHistory = () => {
    void Taro.showModal({ title: '清空搜索历史', content: '确定清空全部搜索历史吗？', confirmColor: '#e93b3d' }).then(({ confirm }) => {
      if (!confirm) return;
      clearSearchHistory();
      setHistory([]);
    });
  };

  const brands = list.state.status === 'ready' ? list.state.brands : [];

  return (
    <View className="search page-root">
      <View className="search__top">
        {!inCategory && (
          <SearchHeader
            value={text}
            editing={editing}
            onChange={setText}
            onFocus={() => setEditing(true)}
            onSubmit={() => submit(text)}
            onCancel={() => {
              // Back to the results of the last search, or out of the page before any.
              if (search.word === null) void Taro.navigateBack().catch(() => undefined);
              else {
                setText(search.word);
                setEditing(false);
              }
            }}
          />
        )}
        {!editing && (
          <SortBar sort={search.sort} filtersActive={search.filtersActive} onSort={search.setSort} onFilter={() => setSheetOpen(true)} />
        )}
      </View>
      {editing && text.trim() !== '' && <SuggestList text={text} items={suggestions.items} onPick={submit} />}
      {editing && text.trim() === '' && <SearchSuggestions history={history} onPick={submit} onClearHistory={clearHistory} />}
      {!editing && (
        <ResultGrid
          list={list}
          categoryId={inCategory ? categoryId : null}
          title={inCategory ? title : undefined}
          filtersActive={search.filtersActive}
          onClearFilters={() => search.setFilters({})}
        />
      )}
      <FilterSheet
        open={sheetOpen}
        brands={brands}
        filters={search.filters}
        onClose={() => setSheetOpen(false)}
        onApply={(filters) => {
          search.setFilters(filters);
          setSheetOpen(false);
        }}
      />
    </View>
  );
}

/** Query values arrive encoded on weapp and decoded on H5; a stray "%" must not throw. */
function safeDecode(value: string | undefined): string {
  if (!value) return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
