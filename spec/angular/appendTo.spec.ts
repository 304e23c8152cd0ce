/**
 * @jest-environment jsdom
 */
// appendTo renders only what is new; splitBlocks cuts markdown into blocks that never change once finished.
import './jsdomGlobals';
import './testBed';
import { ElementRef, Injector, provideZonelessChangeDetection, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import fc from 'fast-check';
import { appendTo, splitBlocks } from '../../src/angular';

function setUp(): Injector {
  TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
  return TestBed.inject(Injector);
}

/** A renderer that records each call and marks its output, to tell re-rendered blocks from kept ones. */
function recordingRenderer(): { render: (block: string) => Node; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    render: (block) => {
      calls.push(block);
      const p = document.createElement('p');
      p.textContent = block;
      return p;
    },
  };
}

describe('appendTo (plain text)', () => {
  it('appends only the new text as text nodes, and starts afresh when the text does not continue', () => {
    const injector = setUp();
    const element = document.createElement('pre');
    const text = signal('');
    appendTo(element, text, { injector });
    TestBed.tick();
    expect(element.childNodes).toHaveLength(0);
    text.set('Привет');
    TestBed.tick();
    const first = element.firstChild;
    text.set('Привет, <b>мир</b>!');
    TestBed.tick();
    expect(element.textContent).toBe('Привет, <b>мир</b>!');
    expect(element.querySelector('b')).toBeNull(); // text, never HTML
    expect(element.firstChild).toBe(first); // the first part is kept, not rewritten
    expect([...element.childNodes].map((node) => node.textContent)).toEqual(['Привет', ', <b>мир</b>!']);

    text.set('New answer');
    TestBed.tick();
    expect([...element.childNodes].map((node) => node.textContent)).toEqual(['New answer']);
    text.set('');
    TestBed.tick();
    expect(element.childNodes).toHaveLength(0);
  });

  it('waits for a target given as a signal (viewChild), and follows it', () => {
    const injector = setUp();
    const target = signal<ElementRef<Element> | undefined>(undefined);
    const text = signal('Hello');
    appendTo(target, text, { injector });
    TestBed.tick();
    const element = document.createElement('div');
    target.set(new ElementRef(element));
    TestBed.tick();
    expect(element.textContent).toBe('Hello');
    const other = document.createElement('div');
    target.set(new ElementRef(other));
    text.set('Hello, world');
    TestBed.tick();
    expect([element.textContent, other.textContent]).toEqual(['', 'Hello, world']);
  });
});

describe('appendTo (blocks)', () => {
  it('renders finished blocks once (together, per update) and re-renders only the open last block', () => {
    const injector = setUp();
    const element = document.createElement('div');
    const text = signal('');
    const { render, calls } = recordingRenderer();
    appendTo(element, text, { injector, render });
    const frames = [
      '# Title\n',
      '# Title\n\nOne two',
      '# Title\n\nOne two three.\n\n```\ncode\n\nmore',
      '# Title\n\nOne two three.\n\n```\ncode\n\nmore\n```\n\nEnd',
    ];
    const kept: Node[] = [];
    for (const frame of frames) {
      text.set(frame);
      TestBed.tick();
      kept.push(element.firstChild as Node);
    }
    expect([...element.children].map((div) => div.textContent)).toEqual([
      '# Title\n\n',
      'One two three.\n\n',
      '```\ncode\n\nmore\n```\n\n',
      'End',
    ]);
    // The title was rendered twice (open, then finished) and its node never replaced after that.
    expect(calls).toEqual([
      '# Title\n',
      '# Title\n\n',
      'One two',
      'One two three.\n\n',
      '```\ncode\n\nmore',
      '```\ncode\n\nmore\n```\n\n',
      'End',
    ]);
    expect(new Set(kept.slice(1)).size).toBe(1);

    // Several blocks finished in one update: one call for all of them.
    calls.length = 0;
    text.set(`${frames[3]}\n\nA\n\nB\n\nC`);
    TestBed.tick();
    expect(calls).toEqual(['End\n\nA\n\nB\n\n', 'C']);
  });

  it('shows the whole text, finished part first, however the text arrives (property)', () => {
    const injector = setUp();
    const pieces = fc.constantFrom(
      'a',
      'б',
      '你',
      ' ',
      '\n',
      '\n\n',
      '```',
      '~~~',
      '  ',
      '- ',
      '# ',
      '`',
      '👋',
    );
    fc.assert(
      fc.property(
        fc.array(pieces, { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (parts, cuts) => {
          const whole = parts.join('');
          const at = [...new Set(cuts.map((cut) => cut % (whole.length + 1)))].sort((a, b) => a - b);
          const element = document.createElement('div');
          const text = signal('');
          const { render } = recordingRenderer();
          const ref = appendTo(element, text, { injector, render });
          for (const cut of [...at, whole.length]) {
            text.set(whole.slice(0, cut));
            TestBed.tick();
          }
          ref.destroy();
          // Finished blocks are a prefix of the text; the rest holds no finished block and is the last child.
          const { open } = splitBlocks(whole);
          const shown = [...element.children].map((div) => div.textContent ?? '');
          const finished = (open === '' ? shown : shown.slice(0, -1)).join('');
          expect(whole.startsWith(finished)).toBe(true);
          const rest = splitBlocks(whole.slice(finished.length));
          expect(rest.done).toEqual([]);
          expect(open === '' ? '' : shown[shown.length - 1]).toBe(rest.open);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('splitBlocks', () => {
  it('cuts at complete blank lines outside code fences', () => {
    expect(splitBlocks('Hello\n\n```\na\n\nb\n```\n\nWor')).toEqual({
      done: [
        { text: 'Hello\n', end: 7 },
        { text: '```\na\n\nb\n```\n', end: 21 },
      ],
      open: 'Wor',
    });
    expect(splitBlocks('Hello\n')).toEqual({ done: [], open: 'Hello\n' });
    expect(splitBlocks('\n\n  \nHi\n \n')).toEqual({ done: [{ text: 'Hi\n', end: 10 }], open: '' });
    // A ~~~ fence is not closed by ```, and a longer fence needs as long a closing one.
    expect(splitBlocks('~~~\n```\n\n~~~\n\nx').done.map((b) => b.text)).toEqual(['~~~\n```\n\n~~~\n']);
    expect(splitBlocks('````\n```\n\nx').done).toEqual([]);
  });

  it('finished blocks never change as text is appended (property)', () => {
    const pieces = fc.constantFrom('a', ' ', '\n', '\n\n', '```', '~~~~', '    ', '`');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 80 }), fc.nat(), (parts, cut) => {
        const whole = parts.join('');
        const prefix = whole.slice(0, cut % (whole.length + 1));
        const early = splitBlocks(prefix).done;
        expect(splitBlocks(whole).done.slice(0, early.length)).toEqual(early);
        const { open } = splitBlocks(whole);
        expect(whole.endsWith(open)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
