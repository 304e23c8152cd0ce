import { multilingualText } from '../../src/testing';
import { parseCliArgs, USAGE } from '../../src/testing/parseCliArgs';
import { ServeOptionError } from '../../src/testing/serveOptionError';

describe('parseCliArgs', () => {
  it('defaults to 127.0.0.1:8787 and an echo reply', () => {
    expect(parseCliArgs([])).toEqual({
      kind: 'serve',
      host: '127.0.0.1',
      port: 8787,
      quiet: false,
      reply: { echo: true },
    });
  });

  it('maps every option to the reply', () => {
    const command = parseCliArgs([
      '--port=0',
      '--host',
      '::1',
      '--text',
      'Привет',
      '--chunk-size',
      '1,2,3',
      '--delay',
      '30',
      '--headers-delay',
      '5',
      '--status',
      '500',
      '--reason',
      'Rate limit',
      '--body',
      'nope',
      '--close-after',
      '10',
      '--stall-after',
      '20',
      '--stall-before-headers',
      '--endless',
      '--quiet',
    ]);
    expect(command).toEqual({
      kind: 'serve',
      host: '::1',
      port: 0,
      quiet: true,
      reply: {
        text: 'Привет',
        chunkSize: [1, 2, 3],
        chunkDelayMs: 30,
        headersDelayMs: 5,
        status: 500,
        reason: 'Rate limit',
        body: 'nope',
        closeAfterBytes: 10,
        stallAfterBytes: 20,
        stallBeforeHeaders: true,
        endless: true,
      },
    });
  });

  it('generates a multilingual answer', () => {
    expect(parseCliArgs(['--multilingual', '300', '--seed', '4', '--chunk-size', '5'])).toMatchObject({
      reply: { text: multilingualText(300, 4), chunkSize: 5 },
    });
  });

  it('returns the usage for --help and -h', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help', usage: USAGE });
    expect(parseCliArgs(['-h', '--port', 'x'])).toEqual({ kind: 'help', usage: USAGE });
    expect(USAGE).toContain('--chunk-size');
  });

  it('rejects unknown options, bad numbers and conflicting answers', () => {
    expect(() => parseCliArgs(['--prot', '1'])).toThrow(/Unknown option '--prot'/);
    expect(() => parseCliArgs(['--port', 'eighty'])).toThrow(
      '--port expects an integer from 0 to 65535, got "eighty"',
    );
    expect(() => parseCliArgs(['--chunk-size', '1,,2'])).toThrow(
      '--chunk-size expects positive integers (bytes per chunk), got "1,,2"',
    );
    expect(() => parseCliArgs(['--delay=-1'])).toThrow('--delay expects a number of milliseconds');
    expect(() => parseCliArgs(['--port', 'eighty'])).toThrow(ServeOptionError);
    expect(() => parseCliArgs(['--text', 'a', '--multilingual', '9'])).toThrow('cannot be used together');
    expect(() => parseCliArgs(['stray'])).toThrow(/positional/);
  });
});
