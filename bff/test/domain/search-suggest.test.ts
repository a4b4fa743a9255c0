import { matchSuggestion, suggestNeedle } from '../../src/domain/search-suggest';

describe('suggestNeedle', () => {
  it.each([
    ['yu', 'yu'],
    ['  LYQ ', 'lyq'],
    ['ｌｙｑ', 'lyq'],
    ['羽绒 夹克', '羽绒夹克'],
    ['15.6寸', '15.6寸'],
    ['15.', '15'],
    ['%_\\', ''],
    ['😀', ''],
    ['x'.repeat(80), 'x'.repeat(50)],
  ])('%p → %p', (raw, needle) => {
    expect(suggestNeedle(raw)).toBe(needle);
  });
});

describe('matchSuggestion', () => {
  // [phrase, typed, the highlighted characters or null, at the start, whole syllables]
  it.each<[string, string, string | null, boolean, boolean]>([
    ['轻薄羽绒夹克', '羽绒', '羽绒', false, true],
    ['轻薄羽绒夹克', 'yu', '羽', false, true],
    ['轻薄羽绒夹克', 'yur', '羽绒', false, false],
    ['轻薄羽绒夹克', 'yurongjiake', '羽绒夹克', false, true],
    ['轻薄羽绒夹克', 'qbyr', '轻薄羽绒', true, true],
    ['鱼尾高腰半身裙', 'yu', '鱼', true, true],
    ['法式碎花连衣裙', 'lyq', '连衣裙', false, true],
    ['法式碎花连衣裙', 'lianyi', '连衣', false, true],
    ['连衣裙', 'LYQ', '连衣裙', true, true],
    ['卡通恐龙印花T恤', 'txu', 'T恤', false, true],
    ['清透防晒乳 SPF50+', 'spf', 'SPF', false, true],
    ['商务通勤双肩包 15.6英寸', '15.6yc', '15.6英寸', false, true],
    ['女装', 'nv', '女', true, true],
    // "yu" prefers the whole syllable 羽 to the unfinished 圆 (yuan) before it.
    ['圆领羽绒服', 'yu', '羽', false, true],
    ['圆领短袖', 'yu', '圆', true, false],
    // Inside a syllable, across two words, or not there at all: no match.
    ['轻薄羽绒夹克', 'ong', null, false, false],
    ['清透防晒乳 SPF50+', '防晒乳spf', null, false, false],
    ['连衣裙', 'zzz', null, false, false],
    ['连衣裙', '', null, false, false],
  ])('%p typed %p → %p', (phrase, typed, marked, atStart, whole) => {
    const match = matchSuggestion(phrase, suggestNeedle(typed));
    if (marked === null) {
      expect(match).toBeNull();
      return;
    }
    expect(match).not.toBeNull();
    expect(phrase.slice(match!.start, match!.end)).toBe(marked);
    expect(match!.atStart).toBe(atStart);
    expect(match!.whole).toBe(whole);
  });
});
