import { agentStatuses } from '../../src/domain/agent-status';
import { taskStatuses } from '../../src/domain/types';
import type { Mutation, MutationArgs, MutationName } from '../../src/domain';
import type { SyncEngine } from '../../src/store';
import type { Random } from './prng';

// The agent at the keyboard: plans what to do with the seeded random (synchronously, so two tabs
// acting at once still draw in a fixed order) and queues it through the store's own `mutate`.
// Every queued mutation is kept: the model replays them in seq order.

export type Intent = { [N in MutationName]: { name: N; args: MutationArgs[N] } }[MutationName];

const filterNames = ['Mine', 'Urgent', 'Today', 'Callbacks', 'Escalated', 'Waiting'] as const;

export class User {
  readonly queued: Mutation[] = [];
  /** Tasks the run created: the only ones it changes, so nothing else moves them. */
  readonly tasks: string[] = [];
  /** Ids the run never created: changes to them are rejected `not_found`. */
  readonly missingTasks = new Set<string>();
  private readonly filters: string[];
  private comments = 0;
  private lastAt = 0;

  constructor(
    private readonly random: Random,
    private readonly label: string,
    ownFilters: readonly string[],
  ) {
    this.filters = [...ownFilters];
  }

  /** `count` actions, drawn now. */
  plan(count: number): Intent[] {
    return Array.from({ length: count }, () => this.next());
  }

  newTask(): Intent {
    const id = crypto.randomUUID();
    this.tasks.push(id);
    return {
      name: 'task.create',
      args: {
        id,
        type: 'manual',
        channel: 'manual',
        title: `Chaos ${this.label} task ${this.tasks.length}`,
        description: '',
        customerName: 'Chaos Customer',
        customerPhone: null,
        customerEmail: null,
        contactId: null,
        priority: 3,
        skills: [],
        dueAt: null,
        assigneeId: null,
      },
    };
  }

  private next(): Intent {
    const r = this.random;
    if (this.tasks.length === 0) return this.newTask();
    const kind = r.weighted({
      comment: 40,
      status: 20,
      agent: 10,
      saveFilter: 10,
      deleteFilter: 6,
      create: 6,
    });
    switch (kind) {
      case 'create':
        return this.newTask();
      case 'comment': {
        this.comments++;
        return {
          name: 'comment.add',
          args: {
            id: crypto.randomUUID(),
            taskId: this.someTask(),
            body: `chaos ${this.label} comment ${this.comments}`,
            attachments: [],
          },
        };
      }
      case 'status':
        return {
          name: 'task.setStatus',
          args: { taskId: this.someTask(), status: r.pick(taskStatuses) },
        };
      case 'agent': {
        // In the past and rising: the server's clock never clamps it, the model needs no clock.
        this.lastAt = Math.max(Date.now() - 5_000, this.lastAt + 1);
        return {
          name: 'agentStatus.set',
          args: { status: r.pick(agentStatuses), at: new Date(this.lastAt).toISOString() },
        };
      }
      case 'saveFilter': {
        const existing = this.filters.length > 0 && r.chance(0.4);
        const id = existing ? r.pick(this.filters) : crypto.randomUUID();
        if (!existing) this.filters.push(id);
        // Few names: saving one that another filter has is a `conflict` the model expects.
        return {
          name: 'filter.save',
          args: {
            id,
            name: r.pick(filterNames),
            shared: r.chance(0.3),
            query: { status: [r.pick(taskStatuses)], n: r.int(1, 1000) },
          },
        };
      }
      case 'deleteFilter': {
        const id =
          this.filters.length > 0 && r.chance(0.8) ? r.pick(this.filters) : crypto.randomUUID();
        return { name: 'filter.delete', args: { id } };
      }
    }
  }

  /** One of the run's tasks; now and then one that does not exist. */
  private someTask(): string {
    if (this.random.chance(0.03)) {
      const id = crypto.randomUUID();
      this.missingTasks.add(id);
      return id;
    }
    return this.random.pick(this.tasks);
  }

  /** Queues the intents in order through the tab's store. */
  async perform(engine: SyncEngine, intents: readonly Intent[]): Promise<void> {
    for (const intent of intents) {
      this.queued.push(await engine.mutate(intent.name, intent.args as never));
    }
  }
}
