import fc from 'fast-check';
import { from } from 'rxjs';
import { bufferText } from '../../src/operators';
import { runSync } from '../helpers/marbles';

/**
 * Real sentences in the scripts `Intl.Segmenter` splits with a dictionary. The measured figure: of the cuts
 * `bufferText({ boundary: 'word' })` makes under random chunking, how many fall inside a word of the whole
 * text's segmentation (the segmenter re-splits a run while a word is still arriving).
 */
const SENTENCES: Readonly<Record<string, readonly string[]>> = {
  Thai: [
    'คอมพิวเตอร์เป็นเครื่องมือที่ช่วยให้มนุษย์ทำงานได้รวดเร็วขึ้น ปัจจุบันคอมพิวเตอร์ถูกใช้ในทุกหน่วยงานทั้งภาครัฐและเอกชน',
    'นักเรียนหลายคนใช้คอมพิวเตอร์ในการค้นหาข้อมูลบนอินเทอร์เน็ตและเขียนรายงานส่งครู',
    'ระบบปฏิบัติการเป็นซอฟต์แวร์ที่ควบคุมการทำงานของฮาร์ดแวร์และโปรแกรมประยุกต์ต่างๆ',
    'ประเทศไทยมีประชากรประมาณหกสิบหกล้านคน กรุงเทพมหานครเป็นเมืองหลวงและเมืองที่ใหญ่ที่สุดของประเทศ',
    'เมื่อวานนี้ฉันไปตลาดกับแม่เพื่อซื้อผักผลไม้และปลาสำหรับทำอาหารเย็น',
  ],
  Chinese: [
    '清华大学是中国著名的高等学府，坐落于北京西北郊的清华园。',
    '一九四九年中华人民共和国成立后，清华大学进入了新的发展阶段。',
    '我们今天去公园散步，天气非常好，很多人在湖边钓鱼。',
    '人工智能技术的快速发展正在改变我们的生活方式和工作方式，研究生活动中心也开始使用智能系统。',
    '北京是中华人民共和国的首都，也是全国的政治中心和文化中心，拥有三千多年的建城史。',
    '他在一九八二年考入北京大学计算机科学技术系，毕业后留校任教。',
  ],
  Japanese: [
    '今日は良い天気ですね。散歩に行きましょう。',
    '動画のストリーミングサービスは近年急速に普及し、多くの人がスマートフォンで映画やドラマを楽しんでいます。',
    '東京大学は日本で最も歴史のある国立大学の一つで、多くのノーベル賞受賞者を輩出しています。',
    'このアプリケーションはリアルタイムでデータを処理し、結果をブラウザに表示します。',
    '私は毎朝コーヒーを飲みながら新聞を読むのが好きです。',
  ],
  Lao: [
    'ປະເທດລາວເປັນປະເທດທີ່ບໍ່ມີທາງອອກສູ່ທະເລ ຕັ້ງຢູ່ໃນເຂດອາຊີຕາເວັນອອກສ່ຽງໃຕ້',
    'ນະຄອນຫຼວງວຽງຈັນເປັນເມືອງຫຼວງແລະເປັນເມືອງທີ່ໃຫຍ່ທີ່ສຸດຂອງປະເທດລາວ',
  ],
  Khmer: [
    'ព្រះរាជាណាចក្រកម្ពុជាគឺជាប្រទេសមួយនៅអាស៊ីអាគ្នេយ៍ ដែលមានរាជធានីភ្នំពេញ',
    'ភាសាខ្មែរគឺជាភាសាផ្លូវការរបស់ប្រទេសកម្ពុជា ហើយត្រូវបានប្រើប្រាស់ដោយប្រជាជនរាប់លាននាក់',
  ],
  Myanmar: [
    'မြန်မာနိုင်ငံသည် အရှေ့တောင်အာရှတွင် တည်ရှိသော နိုင်ငံတစ်နိုင်ငံ ဖြစ်သည်။',
    'ရန်ကုန်မြို့သည် မြန်မာနိုင်ငံ၏ အကြီးဆုံးမြို့ ဖြစ်ပြီး စီးပွားရေးဗဟိုချက်လည်း ဖြစ်သည်။',
  ],
};

const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/** One to three of `sentences`, joined with a space or nothing, cut into chunks of 1 to 6 code units. */
function chunkedSentences(sentences: readonly string[]) {
  return fc
    .tuple(fc.array(fc.constantFrom(...sentences), { minLength: 1, maxLength: 3 }), fc.constantFrom('', ' '))
    .map(([parts, glue]) => parts.join(glue))
    .chain((text) =>
      fc
        .array(fc.integer({ min: 1, max: 6 }), { minLength: text.length, maxLength: text.length })
        .map((sizes) => {
          const chunks: string[] = [];
          for (let at = 0, i = 0; at < text.length; at += sizes[i++]!)
            chunks.push(text.slice(at, at + sizes[i]!));
          return { text, chunks };
        }),
    );
}

/** How many cuts (emission ends before the last) there were, and how many fell inside a word. */
function measure(sentences: readonly string[], numRuns: number): { cuts: number; inside: number } {
  let cuts = 0;
  let inside = 0;
  fc.assert(
    fc.property(chunkedSentences(sentences), ({ text, chunks }) => {
      const { values } = runSync(
        from(chunks).pipe(bufferText({ boundary: 'word', maxChars: Infinity, maxDelayMs: Infinity })),
      );
      expect(values.join('')).toBe(text);
      const starts = new Set([...words.segment(text)].map(({ index }) => index));
      let end = 0;
      for (const value of values.slice(0, -1)) {
        end += value.length;
        cuts++;
        if (!starts.has(end)) inside++;
      }
    }),
    { numRuns },
  );
  // `BUFFER_TEXT_MEASURE=1 npx jest spec/operators/bufferTextWords.spec.ts` prints the figures.
  if (process.env['BUFFER_TEXT_MEASURE'] !== undefined) {
    process.stderr.write(`${sentences[0]!.slice(0, 6)}…: ${inside} of ${cuts} cuts inside a word\n`);
  }
  return { cuts, inside };
}

describe("bufferText 'word' in scripts without spaces", () => {
  it.each(['Chinese', 'Japanese'])('cuts %s inside a word (almost) never', (language) => {
    const { cuts, inside } = measure(SENTENCES[language]!, 300);
    expect(cuts).toBeGreaterThan(1000);
    // Measured: 0 of ~5 000 cuts per language.
    expect(inside / cuts).toBeLessThan(0.002);
  });

  it.each(['Thai', 'Lao', 'Khmer', 'Myanmar'])(
    'cuts %s inside a word well under 1 % of the time',
    (language) => {
      const { cuts, inside } = measure(SENTENCES[language]!, 400);
      expect(cuts).toBeGreaterThan(800);
      // Measured: Thai 0 %, Lao 0 %, Myanmar 0 %, Khmer about 0.4 % (ភាសា|ផ្លូវការ, a compound it joins late).
      expect(inside / cuts).toBeLessThan(0.01);
    },
  );

  it('still cuts inside long runs, so text flows before the run ends', () => {
    // The old rule (cut before the last two words the segmenter sees) cut Thai inside words 21 % of the time;
    // this one still emits before a run ends, just later.
    const text = SENTENCES['Thai']![2]!;
    const { values } = runSync(from([...text]).pipe(bufferText({ maxDelayMs: Infinity })));
    expect(values.join('')).toBe(text);
    expect(values.length).toBeGreaterThan(3);
  });
});
