import { describe, expect, it } from 'vitest';
import { checkQueueForm, emptyQueueForm, queueForm } from './queue-numbers';

describe('queue number form', () => {
  it('reads a queue from the form: skills split on commas, trimmed, once each', () => {
    const form = {
      number: ' 2100 ',
      name: ' Sales ',
      skills: 'sales, billing,,sales ',
      priority: '4',
      ringSeconds: '20',
    };
    expect(checkQueueForm(form)).toEqual({
      ok: true,
      queue: {
        number: '2100',
        name: 'Sales',
        skills: ['sales', 'billing'],
        priority: 4,
        ringSeconds: 20,
      },
    });
  });

  it('names every field that is wrong', () => {
    expect(
      checkQueueForm({
        number: '21a',
        name: ' ',
        skills: 'x'.repeat(41),
        priority: '9',
        ringSeconds: 'soon',
      }),
    ).toEqual({
      ok: false,
      number: 'number',
      name: 'name',
      skills: 'skills',
      priority: 'outOfRange',
      ringSeconds: 'notWholeNumber',
    });
    expect(
      checkQueueForm({ ...emptyQueueForm, number: '2000', name: 'S', ringSeconds: '4' }),
    ).toEqual({
      ok: false,
      ringSeconds: 'outOfRange',
    });
  });

  it('shows a saved queue as the form holds it', () => {
    const queue = {
      number: '2000',
      name: 'Support',
      skills: ['support', 'sales'],
      priority: 3,
      ringSeconds: 30,
    };
    expect(queueForm(queue)).toEqual({
      number: '2000',
      name: 'Support',
      skills: 'support, sales',
      priority: '3',
      ringSeconds: '30',
    });
    expect(checkQueueForm(queueForm(queue))).toEqual({ ok: true, queue });
  });
});
