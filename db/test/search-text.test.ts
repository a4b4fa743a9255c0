import { buildSearchText, SEARCH_TEXT_MAX_LENGTH } from '../src/search-text';

/** What a shopper types into the search box, and whether it must find the product. */
const likeMatches = (text: string, term: string) => text.includes(term);

describe('buildSearchText', () => {
  const dress = buildSearchText(['法式碎花连衣裙', '素野', '女装', '连衣裙', '夏季新款 收腰显瘦']);

  test.each([
    ['Chinese title fragment', '连衣裙', true],
    ['full pinyin', 'lianyiqun', true],
    ['pinyin prefix typed before choosing a candidate', 'lianyi', true],
    ['initials', 'lyq', true],
    ['brand initials', 'sy', true],
    ['ü typed as v', 'nvzhuang', true],
    ['subtitle word in pinyin', 'shouyao', true],
    ['brand in Chinese', '素野', true],
    ['unrelated word', 'waitao', false],
    ['tones are never stored', 'lián', false],
  ])('%s: %s → %s', (_label, term, expected) => {
    expect(likeMatches(dress, term)).toBe(expected);
  });

  test.each([
    // [parts, expected output]
    [['连衣裙'], '连衣裙 lianyiqun lyq'],
    [['T恤'], 't恤 txu tx'],
    [['Ｖ领 针织衫'], 'v领 针织衫 vling vl zhenzhishan zzs'],
    [['银行卡包'], '银行卡包 yinhangkabao yhkb'], // polyphone 行 read in context
    [['ABC', ''], 'abc'],
    [[], ''],
  ])('%j → %s', (parts, expected) => {
    expect(buildSearchText(parts)).toBe(expected);
  });

  test('keeps a decimal number whole in the pinyin terms (15.6英寸 → 15.6yingcun, not 6yingcun)', () => {
    const bag = buildSearchText(['商务通勤双肩包', '15.6英寸电脑仓 防泼水']);
    const terms = bag.split(' ');
    expect(terms).toEqual(expect.arrayContaining(['15.6英寸电脑仓', '15.6yingcundiannaocang']));
    expect(terms).not.toContain('6yingcundiannaocang');
    for (const typed of ['15.6', '15', '15.6yingcun', '15.6英寸']) expect(likeMatches(bag, typed)).toBe(true);
    // A full stop that is no decimal point still separates words.
    expect(buildSearchText(['新款.连衣裙']).split(' ')).toEqual(['新款.连衣裙', 'xinkuan', 'xk', 'lianyiqun', 'lyq']);
  });

  test('repeated terms are stored once', () => {
    expect(buildSearchText(['连衣裙', '连衣裙']).split(' ')).toEqual(['连衣裙', 'lianyiqun', 'lyq']);
  });

  test('stays within the column length and never cuts a term in half', () => {
    const parts = Array.from({ length: 200 }, (_, i) => `春季新款针织开衫第${i}号`);
    const text = buildSearchText(parts);
    expect([...text].length).toBeLessThanOrEqual(SEARCH_TEXT_MAX_LENGTH);
    expect(text.startsWith('春季新款针织开衫第0号 chunjixinkuanzhenzhikaishandi0hao')).toBe(true);
    // Every kept term is whole: the Chinese part, its full pinyin (…hao) or its initials (…h).
    for (const term of text.split(' ')) expect(term).toMatch(/(号|hao|\dh)$/);
  });
});
