package dev.mailgateway.cli;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/** The meters {@code gateway run} serves on {@code /metrics}: the gateway's and the JVM's own. */
final class PrometheusMeters {

  private PrometheusMeters() {}

  /**
   * A registry with the JVM's meters bound. Two of Micrometer's processor meters are left out
   * because promtool's lint refuses their names ({@code process_cpu_time_ns_total}: a unit
   * abbreviated; {@code system_cpu_count}: a {@code _count} suffix on a gauge);
   * {@code process_cpu_usage} and {@code system_cpu_usage} stay.
   */
  static PrometheusMeterRegistry create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
        .meterFilter(MeterFilter.denyNameStartsWith("system.cpu.count"));
    for (MeterBinder binder : List.of(new JvmMemoryMetrics(), new JvmGcMetrics(),
        new JvmThreadMetrics(), new ClassLoaderMetrics(), new ProcessorMetrics(),
        new UptimeMetrics(), new FileDescriptorMetrics())) {
      binder.bindTo(registry);
    }
    return registry;
  }
}
