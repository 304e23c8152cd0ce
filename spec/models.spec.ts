import * as E from 'fp-ts/Either';
import {
  DEFAULT_MODEL,
  DEFAULT_SYSTEM_MESSAGE,
  DEFAULT_TEMPERATURE,
  MODEL_IDS,
  models,
  UnsupportedModelError,
  validateModel,
} from '../src';

describe('models', () => {
  it('holds the eight models of the protocol, id → { id, name }', () => {
    expect(models).toEqual({
      'gpt-3.5-turbo': { id: 'gpt-3.5-turbo', name: 'GPT-3.5' },
      'gpt-3.5-turbo-0613': { id: 'gpt-3.5-turbo-0613', name: 'GPT-3.5-0613' },
      'gpt-3.5-turbo-16k': { id: 'gpt-3.5-turbo-16k', name: 'GPT-3.5-16K' },
      'gpt-3.5-turbo-16k-0613': { id: 'gpt-3.5-turbo-16k-0613', name: 'GPT-3.5-16K-0613' },
      'gpt-4': { id: 'gpt-4', name: 'GPT-4' },
      'gpt-4-0613': { id: 'gpt-4-0613', name: 'GPT-4-0613' },
      'gpt-4-32k': { id: 'gpt-4-32k', name: 'GPT-4-32K' },
      'gpt-4-32k-0613': { id: 'gpt-4-32k-0613', name: 'GPT-4-32K-0613' },
    });
    expect(MODEL_IDS).toEqual(Object.keys(models));
  });

  it('is read-only, entries included', () => {
    expect(Object.isFrozen(models)).toBe(true);
    expect(Object.isFrozen(models['gpt-4'])).toBe(true);
    expect(() => {
      (models as Record<string, unknown>)['gpt-5'] = { id: 'gpt-5', name: 'GPT-5' };
    }).toThrow(TypeError);
  });

  it('has the seed defaults', () => {
    expect(DEFAULT_MODEL).toBe('gpt-3.5-turbo');
    expect(DEFAULT_TEMPERATURE).toBe(0.7);
    expect(DEFAULT_SYSTEM_MESSAGE).toBe(
      "You are ChatGPT, a large language model trained by OpenAI. Follow the user's instructions carefully. Respond using markdown.",
    );
  });
});

describe('validateModel', () => {
  it.each([undefined, null, ''])('%p → the default model', (input) => {
    expect(validateModel(input)).toEqual(E.right({ id: 'gpt-3.5-turbo', name: 'GPT-3.5' }));
  });

  it.each(Object.keys(models))('%s → its entry', (id) => {
    expect(validateModel(id)).toEqual(E.right(models[id as keyof typeof models]));
  });

  it.each(['gpt-5', 'GPT-4', 'toString', '__proto__', ' gpt-4'])(
    '%p → Left(UnsupportedModelError) listing the ids',
    (id) => {
      const result = validateModel(id);
      expect(E.isLeft(result)).toBe(true);
      const error = (result as E.Left<UnsupportedModelError>).left;
      expect(error).toBeInstanceOf(UnsupportedModelError);
      expect(error._tag).toBe('UnsupportedModelError');
      expect(error.model).toBe(id);
      expect(error.supported).toEqual(Object.keys(models));
      for (const known of Object.keys(models)) expect(error.message).toContain(`"${known}"`);
      expect(error.message).toContain(JSON.stringify(id));
    },
  );
});
