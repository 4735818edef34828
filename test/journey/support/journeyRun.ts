import { ManualClock } from '@fieldline/functions-local';
import type { DurableEngine } from '@fieldline/functions-local';
import {
  journeyEvents,
  journeyOrchestrationName,
  type JourneyEventKey,
  type JourneyEventPayload,
} from '../../../orchestrations/journey/contract';
import type { Customer } from '../../../shared/customers/customer';
import type { JourneyStatus } from '../../../shared/journey/journeyStatus';
import type { WorkOrder } from '../../../shared/workorders/workOrder';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';
import { workOrderId } from './fixtures';
import { JourneyWorld, journeyWorld } from './journeyWorld';

export const hour = 3_600_000;

/**
 * One journey on the local Durable engine (the real durable-functions replay code) with the
 * real orchestrator and activities over an in-memory world, in virtual time.
 */
export class JourneyRun {
  private constructor(
    readonly clock: ManualClock,
    readonly world: JourneyWorld,
    private readonly runtime: TestRuntime,
    private readonly engine: DurableEngine,
  ) {}

  static async start(
    startAt: string,
    seed: {
      workOrder?: Partial<WorkOrder>;
      customer?: Partial<Customer>;
      tuning?: JourneyWorld['tuning'];
    } = {},
  ): Promise<JourneyRun> {
    const clock = new ManualClock(new Date(startAt));
    const world = new JourneyWorld(() => new Date(clock.now()));
    world.seed(seed.workOrder, seed.customer);
    if (seed.tuning !== undefined) world.tuning = seed.tuning;
    journeyWorld.current = world;
    const runtime = await startTestRuntime({
      app: () => import('./journeyTestApp'),
      clock,
      embedded: false,
    });
    const engine = runtime.durable;
    if (engine === undefined) throw new Error('the test runtime has no Durable engine');
    const started = await engine.startNew(journeyOrchestrationName, {
      instanceId: workOrderId,
      input: JSON.stringify({ workOrderId, correlationId: 'msg-create-1' }),
    });
    if (!started.ok) throw new Error(started.error.message);
    await engine.waitForIdle();
    return new JourneyRun(clock, world, runtime, engine);
  }

  async raise<K extends JourneyEventKey>(event: K, payload: JourneyEventPayload<K>): Promise<void> {
    const raised = await this.engine.raiseEvent(
      workOrderId,
      journeyEvents[event].name,
      JSON.stringify(payload),
    );
    if (!raised.ok) throw new Error(raised.error.message);
    await this.engine.waitForIdle();
  }

  /** Moves virtual time forward; every timer due fires on the way, in order. */
  async advanceTo(at: string): Promise<void> {
    await this.clock.advanceTo(new Date(at));
    await this.engine.waitForIdle();
  }

  async advance(ms: number): Promise<void> {
    await this.clock.advance(ms);
    await this.engine.waitForIdle();
  }

  async status(): Promise<{ runtimeStatus: string; custom: JourneyStatus | undefined; output: unknown }> {
    const status = await this.engine.getStatus(workOrderId);
    return {
      runtimeStatus: String(status?.runtimeStatus),
      custom: status?.customStatus as JourneyStatus | undefined,
      output: status?.output,
    };
  }

  async historyLength(): Promise<number> {
    return (await this.engine.history(workOrderId)).length;
  }

  /** What customers received, as `purpose@time/channel`. */
  sent(): string[] {
    return this.world.sent().map((message) => `${message.purpose}@${message.at}/${message.channel}`);
  }

  /** What customers received, as `purpose@YYYY-MM-DD HH:mm/channel` on the clock of `timeZone`. */
  sentLocal(timeZone: string): string[] {
    const format = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    return this.world
      .sent()
      .map((message) => `${message.purpose}@${format.format(new Date(message.at))}/${message.channel}`);
  }

  utility(): string[] {
    return this.world.utilityMessages().map((message) => message.kind);
  }

  async stop(): Promise<void> {
    await this.runtime.stop();
    journeyWorld.current = undefined;
  }
}
