import {
  type DynamicModule,
  Inject,
  Injectable,
  type InjectionToken,
  Module,
  type ModuleMetadata,
  type OnModuleDestroy,
  type OptionalFactoryDependency,
  type Provider,
} from '@nestjs/common';
import { createHealthRegistry } from '../../health/create.js';
import { createHealthEndpoints } from '../../health/http/endpoints.js';
import type { HealthRegistry } from '../../health/registry.js';
import type {
  HealthCheck,
  HealthEndpointOptions,
  HealthRegistryOptions,
} from '../../health/types.js';
import { HealthController } from './health.controller.js';
import {
  HEALTH_ENDPOINTS,
  HEALTH_MODULE_OPTIONS,
  HEALTH_REGISTRY,
} from './tokens.js';

/** Options of {@link HealthModule.forRoot}. */
export interface HealthModuleOptions
  extends HealthRegistryOptions, HealthEndpointOptions {
  /** Checks registered when the module starts. More can be added later. */
  checks?: readonly HealthCheck[];
}

/** Options of {@link HealthModule.forRootAsync}, to build checks from providers. */
export interface HealthModuleAsyncOptions {
  /** Modules that export the providers `inject` names. */
  imports?: ModuleMetadata['imports'];
  inject?: (InjectionToken | OptionalFactoryDependency)[];
  useFactory(
    ...args: never[]
  ): HealthModuleOptions | Promise<HealthModuleOptions>;
}

@Injectable()
class HealthRegistryShutdown implements OnModuleDestroy {
  constructor(
    @Inject(HEALTH_REGISTRY) private readonly registry: HealthRegistry,
  ) {}

  /** Stops the background runs before the modules' connections close. */
  onModuleDestroy(): void {
    this.registry.stop();
  }
}

/**
 * Serves `/health`, `/health/live`, `/health/ready` and `/health/deep`
 * from a health registry that the module creates and stops. Inject
 * {@link HEALTH_REGISTRY} to register checks from other providers.
 */
@Module({})
export class HealthModule {
  static forRoot(options: HealthModuleOptions = {}): DynamicModule {
    return HealthModule.build([
      { provide: HEALTH_MODULE_OPTIONS, useValue: options },
    ]);
  }

  static forRootAsync(options: HealthModuleAsyncOptions): DynamicModule {
    const module = HealthModule.build([
      {
        provide: HEALTH_MODULE_OPTIONS,
        useFactory: options.useFactory as (
          ...args: unknown[]
        ) => HealthModuleOptions,
        inject: options.inject ?? [],
      },
    ]);
    return { ...module, imports: options.imports ?? [] };
  }

  private static build(optionProviders: Provider[]): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [
        ...optionProviders,
        {
          provide: HEALTH_REGISTRY,
          useFactory: (options: HealthModuleOptions) => registryFrom(options),
          inject: [HEALTH_MODULE_OPTIONS],
        },
        {
          provide: HEALTH_ENDPOINTS,
          useFactory: (
            registry: HealthRegistry,
            options: HealthModuleOptions,
          ) => createHealthEndpoints(registry, options),
          inject: [HEALTH_REGISTRY, HEALTH_MODULE_OPTIONS],
        },
        HealthRegistryShutdown,
      ],
      exports: [HEALTH_REGISTRY],
    };
  }
}

function registryFrom(options: HealthModuleOptions): HealthRegistry {
  const registry = createHealthRegistry(options);
  for (const check of options.checks ?? []) registry.register(check);
  return registry;
}
