/**
 * A category and every ancestor up to the root, nearest first, so a rule scoped to a parent
 * category covers products filed under its children. Stops on a cycle in bad data.
 */
export function categoryAncestry(categoryId: number, parentOf: ReadonlyMap<number, number | null>): number[] {
  const chain: number[] = [];
  for (let id: number | null | undefined = categoryId; id && !chain.includes(id); id = parentOf.get(id)) chain.push(id);
  return chain;
}
