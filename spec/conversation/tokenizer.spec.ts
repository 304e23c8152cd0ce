import { estimateMessageTokens, estimateTokens, MESSAGE_OVERHEAD_TOKENS } from '../../src';
import { countMessageTokens, countTokens } from '../../src/tokenizer';

/** Short texts of each kind the estimate's TSDoc speaks of; its stated error range is measured on these. */
const SAMPLES: Readonly<Record<string, string>> = {
  english:
    'The quick brown fox jumps over the lazy dog. It was a bright cold day in April, and the clocks were ' +
    'striking thirteen. Please summarise the following paragraph in two sentences.',
  code: 'function add(a, b) { return a + b; }\nconst xs = [1, 2, 3].map((x) => x * 2);\nconsole.log(JSON.stringify({ xs }, null, 2));',
  russian:
    'Съешь же ещё этих мягких французских булок, да выпей чаю. В начале было слово, и слово было у Бога.',
  greek: 'Μπορώ να φάω σπασμένα γυαλιά χωρίς να πάθω τίποτα. Σήμερα ο καιρός είναι καλός.',
  arabic: 'أنا قادر على أكل الزجاج و هذا لا يؤلمني. الطقس جميل اليوم.',
  hindi: 'मैं काँच खा सकता हूँ और मुझे उससे कोई चोट नहीं पहुंचती. आज मौसम अच्छा है।',
  chinese: '我能吞下玻璃而不伤身体。今天天气很好，我们去公园散步吧。人工智能正在改变世界。',
  japanese: '私はガラスを食べられます。それは私を傷つけません。今日はいい天気ですね。',
  korean: '나는 유리를 먹을 수 있어요. 그래도 아프지 않아요. 오늘 날씨가 좋네요.',
  emoji: '👋🎉🚀❤️👨‍👩‍👧‍👦🇫🇷 ok 😀😀😀',
};

describe('estimateTokens', () => {
  it('counts one token per 3 ASCII characters and one per 2 UTF-8 bytes of other characters, rounded up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abc')).toBe(1);
    expect(estimateTokens('abcd')).toBe(2);
    expect(estimateTokens('é')).toBe(1); // 2 bytes
    expect(estimateTokens('你好世界')).toBe(6); // 12 bytes
    expect(estimateTokens('😀')).toBe(2); // 4 bytes
    expect(estimateTokens('Hello, world')).toBe(4);
    expect(estimateMessageTokens({ role: 'user', content: 'Hello, world' })).toBe(
      4 + MESSAGE_OVERHEAD_TOKENS,
    );
  });

  it('is within 0.78× – 1.64× of js-tiktoken’s cl100k_base count on every sample (its documented error)', () => {
    const ratios = Object.entries(SAMPLES).map(([name, text]) => [
      name,
      estimateTokens(text) / countTokens(text),
    ]);
    for (const [, ratio] of ratios) {
      expect(ratio).toBeGreaterThanOrEqual(0.78);
      expect(ratio).toBeLessThanOrEqual(1.64);
    }
    // chars / 4 would count Chinese at about a fifth of its cost; the byte rule stays close.
    const chinese = SAMPLES['chinese'] ?? '';
    expect(Math.ceil(chinese.length / 4) / countTokens(chinese)).toBeLessThan(0.25);
    expect(estimateTokens(chinese) / countTokens(chinese)).toBeGreaterThan(1);
  });
});

describe('aivvm-rx/tokenizer', () => {
  it('counts cl100k_base tokens exactly', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('Hello, world')).toBe(3);
    expect(countTokens('你好世界')).toBe(5);
    expect(countTokens(SAMPLES['english'] ?? '')).toBe(36);
    expect(countTokens(SAMPLES['chinese'] ?? '')).toBe(49);
    // special-token text in a message is plain text, not a special token (nor an exception)
    expect(countTokens('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('counts a message with its overhead (OpenAI’s recipe: 3 + 1 for the role)', () => {
    expect(countMessageTokens({ role: 'user', content: 'Hello, world' })).toBe(7);
    expect(countMessageTokens({ role: 'system', content: '' })).toBe(MESSAGE_OVERHEAD_TOKENS);
  });
});
