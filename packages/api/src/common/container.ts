import 'reflect-metadata';
import type { ContainerType, ResolverData } from 'type-graphql';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';

type Constructor<T = unknown> = new (...args: never[]) => T;

/** Marks a class for constructor injection (TypeScript emits parameter types only for decorated classes). */
export function Service(): ClassDecorator {
  return () => undefined;
}

/** Configuration and logger as one injectable value. */
export class AppSettings {
  constructor(
    readonly config: AppConfig,
    readonly logger: Logger,
  ) {}
}

/**
 * A minimal constructor-injection container: services and resolvers are
 * singletons per application instance, wired by their constructor types.
 * Tests build one per database, so nothing leaks between test files.
 */
export class Container implements ContainerType {
  private readonly instances = new Map<unknown, unknown>();

  set<T>(key: Constructor<T> | (abstract new (...args: never[]) => T), value: T): this {
    this.instances.set(key, value);
    return this;
  }

  /** Abstract keys (the Clock) resolve only to what was registered with `set`. */
  get<T>(someClass: Constructor<T> | (abstract new (...args: never[]) => T), _resolverData?: ResolverData<object>): T {
    if (this.instances.has(someClass)) return this.instances.get(someClass) as T;
    return this.construct(someClass as Constructor<T>);
  }

  private construct<T>(someClass: Constructor<T>): T {
    const paramTypes: Constructor[] = Reflect.getMetadata('design:paramtypes', someClass) ?? [];
    if (paramTypes.length !== someClass.length) {
      throw new Error(`Cannot resolve dependencies of ${someClass.name}: mark it with @Service()`);
    }
    const instance = new someClass(...(paramTypes.map((dep) => this.get(dep)) as never[]));
    this.instances.set(someClass, instance);
    return instance;
  }
}
