import Module from 'node:module';
import type {
  Disposable,
  FunctionCallback,
  FunctionMetadata,
  HookCallback,
  HookName,
  ProgrammingModel,
  RpcLogCategory,
  RpcLogLevel,
} from './coreTypes';

export interface RegisteredFunction {
  readonly metadata: FunctionMetadata;
  readonly callback: FunctionCallback;
}

/**
 * What the app registered while it loaded: the worker keeps exactly this state, and so do we.
 * It is process-wide because `@azure/functions` caches the core module on first use, just as one
 * worker process hosts one app.
 */
export interface CoreRegistrations {
  readonly functions: Map<string, RegisteredFunction>;
  readonly hooks: Map<HookName, HookCallback[]>;
  programmingModel: ProgrammingModel | undefined;
  systemLog: (level: RpcLogLevel, category: RpcLogCategory, message: string) => void;
}

const registrations: CoreRegistrations = {
  functions: new Map(),
  hooks: new Map(),
  programmingModel: undefined,
  systemLog: (level, _category, message) => {
    if (level === 'warning' || level === 'error' || level === 'critical') console.warn(message);
  },
};

const hookNames: readonly HookName[] = ['preInvocation', 'postInvocation', 'appStart', 'appTerminate', 'log'];

const coreApi = {
  version: '3.10.1',
  get hostVersion(): string {
    return '4.1000.0';
  },
  registerFunction(metadata: FunctionMetadata, callback: FunctionCallback): Disposable {
    if (registrations.functions.has(metadata.name)) {
      throw new Error(`A function with the name "${metadata.name}" has already been registered.`);
    }
    registrations.functions.set(metadata.name, { metadata, callback });
    return { dispose: () => registrations.functions.delete(metadata.name) };
  },
  registerHook(hookName: string, callback: HookCallback): Disposable {
    if (!hookNames.includes(hookName as HookName)) {
      // The worker answers unknown hooks with a RangeError; the library relies on that shape.
      throw new RangeError(`Unrecognized hook "${hookName}"`);
    }
    const list = registrations.hooks.get(hookName as HookName) ?? [];
    list.push(callback);
    registrations.hooks.set(hookName as HookName, list);
    return {
      dispose: () => {
        const index = list.indexOf(callback);
        if (index >= 0) list.splice(index, 1);
      },
    };
  },
  setProgrammingModel(model: ProgrammingModel): void {
    registrations.programmingModel = model;
  },
  getProgrammingModel(): ProgrammingModel | undefined {
    return registrations.programmingModel;
  },
  log(level: RpcLogLevel, category: RpcLogCategory, message: string): void {
    registrations.systemLog(level, category, message);
  },
};

let installed = false;

/**
 * Makes `require('@azure/functions-core')` resolve to this host, the way the Node worker injects
 * the module before it loads the app. Patching `Module._load` (not a file on disk) keeps the
 * package-less module out of node_modules, so production installs can never pick it up.
 */
export function installFunctionsCore(): CoreRegistrations {
  if (!installed) {
    const moduleInternals = Module as unknown as {
      _load: (request: string, parent: unknown, isMain: boolean) => unknown;
    };
    const originalLoad = moduleInternals._load;
    moduleInternals._load = function load(request: string, parent: unknown, isMain: boolean): unknown {
      if (request === '@azure/functions-core') return coreApi;
      return originalLoad.call(this, request, parent, isMain);
    };
    installed = true;
  }
  return registrations;
}
