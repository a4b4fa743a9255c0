/**
 * Which top-level category the 分类 tab should open on. `switchTab` cannot carry a query, so
 * the home page leaves the choice here and the category page takes it when it shows.
 */
let pending: number | null = null;

export function focusCategory(id: number): void {
  pending = id;
}

export function takeFocusedCategory(): number | null {
  const id = pending;
  pending = null;
  return id;
}
