package com.whatsdex.jobs.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import com.whatsdex.jobs.JobContext;
import com.whatsdex.jobs.RecurringJob;
import com.whatsdex.jobs.RetryPolicy;
import com.whatsdex.jobs.TenantJobData;
import com.whatsdex.jobs.TenantTask;
import com.whatsdex.jobs.WorkerGroup;
import com.whatsdex.shared.TenantContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Owns one db-scheduler {@link Scheduler} per {@link WorkerGroup}, each on its own table with its own executor, and
 * registers every {@link TenantTask} and {@link RecurringJob} bean on its group's scheduler.
 *
 * <p>Wiring choices, each from a measured pitfall: the schedulers are never beans (Spring mis-injects several beans
 * of one type); the DataSource is wrapped in a {@link TransactionAwareDataSourceProxy} so scheduling joins the
 * caller's transaction; lock-and-fetch polling with an upper limit of 1.0 caps concurrency at the group's thread
 * count on virtual threads (higher limits ran jobs twice with short heartbeats); a 2 s heartbeat × 4 lets another
 * node take over the work of a dead node in about 10 s instead of 30 min; every task has a failure handler.
 *
 * <p>The schedulers are built lazily (first scheduling call or lifecycle start) rather than in the constructor,
 * because task beans usually depend on services that themselves inject {@code JobScheduler}. They start on a
 * background thread after the web server, so startup never waits for them.
 */
@Component
class JobRegistry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobRegistry.class);

    private final DataSource dataSource;
    private final JobsProperties props;
    private final ObjectProvider<TenantTask<?>> tenantTasks;
    private final ObjectProvider<RecurringJob> recurringJobs;
    private final FailedJobRepository failedJobs;
    private final JobMetrics metrics;
    private final TaskDataSerializer serializer = new TaskDataSerializer();
    private final Object lifecycle = new Object();

    private volatile @Nullable Built built;
    private volatile boolean running;
    private volatile boolean stopping;
    /** Released when a stop begins: what {@link #awaitStopping} waits for. */
    private final CountDownLatch stopSignal = new CountDownLatch(1);

    private @Nullable Thread starter;

    JobRegistry(
            DataSource dataSource,
            JobsProperties props,
            ObjectProvider<TenantTask<?>> tenantTasks,
            ObjectProvider<RecurringJob> recurringJobs,
            FailedJobRepository failedJobs,
            JobMetrics metrics) {
        this.dataSource = new TransactionAwareDataSourceProxy(dataSource);
        this.props = props;
        this.tenantTasks = tenantTasks;
        this.recurringJobs = recurringJobs;
        this.failedJobs = failedJobs;
        this.metrics = metrics;
    }

    /** A group's scheduler and what it runs. */
    record GroupRuntime(WorkerGroup group, JobsProperties.Group settings, Scheduler scheduler, List<String> tasks) {}

    /** A tenant task and the db-scheduler task that runs it. */
    record RegisteredTask<D extends TenantJobData>(TenantTask<D> definition, CustomTask<D> task) {

        TaskInstance<D> instance(String instanceId, TenantJobData data) {
            return task.instance(instanceId, definition.dataType().cast(data));
        }
    }

    record Built(Map<WorkerGroup, GroupRuntime> groups, Map<String, RegisteredTask<?>> tasks) {

        Scheduler scheduler(RegisteredTask<?> task) {
            return groups.get(task.definition().group()).scheduler();
        }
    }

    /** One group's state for the health indicator. */
    record GroupStatus(
            WorkerGroup group,
            int threads,
            Duration pollInterval,
            boolean started,
            boolean shuttingDown,
            int executing,
            List<String> tasks) {

        boolean healthy() {
            return started && !shuttingDown;
        }
    }

    // ---- scheduling (JobScheduler) ----

    boolean schedule(String taskName, String instanceId, TenantJobData data, Instant when) {
        Built registry = built();
        RegisteredTask<?> task = task(registry, taskName);
        if (!task.definition().dataType().isInstance(data)) {
            throw new IllegalArgumentException("Task " + taskName + " takes "
                    + task.definition().dataType().getName() + ", not "
                    + data.getClass().getName());
        }
        if (instanceId.isBlank() || instanceId.length() > 200) {
            throw new IllegalArgumentException("Instance id must be 1 to 200 characters");
        }
        // declared non-null, but a record built from unvalidated input may still hold a null
        UUID tenantId = data.tenantId();
        if (tenantId == null) {
            throw new IllegalArgumentException("Job data must carry a tenantId");
        }
        Scheduler scheduler = registry.scheduler(task);
        boolean created = scheduler.scheduleIfNotExists(task.instance(instanceId, data), when);
        if (created && !when.isAfter(Instant.now())) {
            wakeAfterCommit(scheduler);
        }
        return created;
    }

    WorkerGroup groupOf(String taskName) {
        return task(built(), taskName).definition().group();
    }

    boolean cancel(String taskName, String instanceId) {
        Built registry = built();
        RegisteredTask<?> task = task(registry, taskName);
        try {
            registry.scheduler(task).cancel(task.task().instanceId(instanceId));
            return true;
        } catch (TaskInstanceNotFoundException e) {
            return false;
        } catch (TaskInstanceCurrentlyExecutingException e) {
            throw new IllegalStateException("Job " + taskName + "/" + instanceId + " is running", e);
        }
    }

    /**
     * db-scheduler's immediate execution wakes the poller when the row is inserted; inside a transaction the row is
     * invisible until commit, so wake it again then instead of waiting a whole polling interval.
     */
    private static void wakeAfterCommit(Scheduler scheduler) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    scheduler.triggerCheckForDueExecutions();
                }
            });
        }
    }

    private static RegisteredTask<?> task(Built registry, String taskName) {
        RegisteredTask<?> task = registry.tasks().get(taskName);
        if (task == null) {
            throw new IllegalArgumentException("No job task named " + taskName);
        }
        return task;
    }

    // ---- building ----

    private Built built() {
        Built current = built;
        if (current != null) {
            return current;
        }
        synchronized (lifecycle) {
            if (built == null) {
                built = build();
            }
            return built;
        }
    }

    private Built build() {
        Map<String, RegisteredTask<?>> tasks = new LinkedHashMap<>();
        Map<WorkerGroup, List<Task<?>>> oneTime = new EnumMap<>(WorkerGroup.class);
        Map<WorkerGroup, List<RecurringTask<Void>>> recurring = new EnumMap<>(WorkerGroup.class);
        Map<WorkerGroup, List<String>> names = new EnumMap<>(WorkerGroup.class);
        for (WorkerGroup group : WorkerGroup.values()) {
            oneTime.put(group, new ArrayList<>());
            recurring.put(group, new ArrayList<>());
            names.put(group, new ArrayList<>());
        }
        List<String> allNames = new ArrayList<>();
        for (TenantTask<?> definition : tenantTasks.orderedStream().toList()) {
            requireUnique(allNames, definition.name());
            RegisteredTask<?> registered = register(definition, oneTime.get(definition.group()));
            tasks.put(definition.name(), registered);
            names.get(definition.group()).add(definition.name());
        }
        for (RecurringJob job : recurringJobs.orderedStream().toList()) {
            requireUnique(allNames, job.name());
            recurring.get(job.group()).add(recurringTask(job));
            names.get(job.group()).add(job.name());
        }
        Map<WorkerGroup, GroupRuntime> groups = new EnumMap<>(WorkerGroup.class);
        for (WorkerGroup group : WorkerGroup.values()) {
            JobsProperties.Group settings = props.group(group);
            Scheduler scheduler = scheduler(group, settings, oneTime.get(group), recurring.get(group));
            groups.put(group, new GroupRuntime(group, settings, scheduler, List.copyOf(names.get(group))));
        }
        return new Built(groups, Map.copyOf(tasks));
    }

    private static void requireUnique(List<String> names, String name) {
        if (names.contains(name)) {
            throw new IllegalStateException("Two jobs are named " + name + "; job names must be unique");
        }
        names.add(name);
    }

    private Scheduler scheduler(
            WorkerGroup group,
            JobsProperties.Group settings,
            List<Task<?>> tasks,
            List<RecurringTask<Void>> recurring) {
        String prefix = "jobs-" + group.name() + "-";
        String name = new SchedulerName.Hostname().getName() + "#"
                + ProcessHandle.current().pid() + "/" + group;
        return Scheduler.create(dataSource, tasks)
                .startTasks(recurring)
                .tableName(group.tableName())
                .schedulerName(new SchedulerName.Fixed(name))
                // PostgreSQL only: no autodetection (it would open a connection while building)
                .jdbcCustomization(new PostgreSqlJdbcCustomization(false, true))
                .serializer(serializer)
                .threads(settings.threads())
                // virtual threads: handlers block on HTTP and the database; polling caps concurrency at threads
                .executorService(Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name(prefix, 1).factory()))
                .dueExecutor(Executors.newSingleThreadExecutor(
                        Thread.ofPlatform().daemon().name(prefix + "poll").factory()))
                .housekeeperExecutor(Executors.newScheduledThreadPool(
                        2,
                        Thread.ofPlatform()
                                .daemon()
                                .name(prefix + "housekeeper-", 1)
                                .factory()))
                .pollingInterval(settings.pollInterval())
                .pollUsingLockAndFetch(0.5, 1.0)
                .enableImmediateExecution()
                .heartbeatInterval(props.heartbeatInterval())
                .missedHeartbeatsLimit(props.missedHeartbeatsLimit())
                .shutdownMaxWait(props.shutdownMaxWait())
                .addSchedulerListener(metrics.listener(group))
                .addSchedulerListener(new ExecutionLog(group, name))
                .build();
    }

    private <D extends TenantJobData> RegisteredTask<D> register(TenantTask<D> definition, List<Task<?>> groupTasks) {
        RetryPolicy declared = definition.retryPolicy();
        RetryPolicy policy = declared == null ? props.retry().policy() : declared;
        WorkerGroup group = definition.group();
        CustomTask<D> task = Tasks.custom(definition.name(), definition.dataType())
                .onFailure(new ParkingFailureHandler<>(group, policy, failedJobs, serializer, metrics))
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    D data = instance.getData();
                    // stored JSON may lack the field (written by hand, or by an older release)
                    UUID tenantId = data == null ? null : data.tenantId();
                    if (tenantId == null) {
                        throw new IllegalStateException("Job data carries no tenantId");
                    }
                    JobContext jobContext = jobContext(definition.name(), group, context);
                    Instant[] again = new Instant[1];
                    TenantContext.runAs(
                            tenantId, () -> JobFailure.run(() -> again[0] = definition.runAgainAt(data, jobContext)));
                    Instant next = again[0];
                    // rescheduling the picked execution in place keeps its instance id: never two copies
                    return next == null
                            ? new CompletionHandler.OnCompleteRemove<D>()
                            : (complete, operations) -> operations.reschedule(complete, next);
                });
        groupTasks.add(task);
        return new RegisteredTask<>(definition, task);
    }

    private RecurringTask<Void> recurringTask(RecurringJob job) {
        Schedule schedule = switch (job.schedule()) {
            case RecurringJob.FixedDelay fixed -> Schedules.fixedDelay(fixed.delay());
            case RecurringJob.Cron cron -> Schedules.cron(cron.expression(), cron.zone());
        };
        WorkerGroup group = job.group();
        // a failed run is logged by db-scheduler and the next one scheduled as usual
        return Tasks.recurring(job.name(), schedule)
                .onFailureReschedule()
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    JobContext jobContext = jobContext(job.name(), group, context);
                    // a fresh virtual thread per execution, so no workspace is set: RLS shows a sweep no tenant rows
                    JobFailure.run(() -> job.handler().run(jobContext));
                });
    }

    private static JobContext jobContext(String name, WorkerGroup group, ExecutionContext context) {
        Execution execution = context.getExecution();
        return new JobContext(
                name, execution.getId(), group, execution.consecutiveFailures + 1, execution.getExecutionTime());
    }

    // ---- lifecycle ----

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (running) {
                return;
            }
            Built groups = built();
            running = true;
            starter = Thread.ofPlatform().name("jobs-start").daemon().start(() -> startAll(groups));
        }
    }

    private void startAll(Built groups) {
        for (GroupRuntime group : groups.groups().values()) {
            try {
                group.scheduler().start();
            } catch (RuntimeException e) {
                log.error("Worker group {} failed to start", group.group(), e);
            }
        }
        log.info("JobRegistry initialized");
        for (GroupRuntime group : groups.groups().values()) {
            log.info(
                    "Worker group {}: {} threads, poll interval {} ms, table {}, tasks {}",
                    group.group(),
                    group.settings().threads(),
                    group.settings().pollInterval().toMillis(),
                    group.group().tableName(),
                    group.tasks());
        }
    }

    /** Whether a stop began (see {@link com.whatsdex.jobs.JobScheduler#stopping()}). */
    boolean stopping() {
        return stopping;
    }

    /** Waits up to {@code timeout} for a stop to begin (see {@link com.whatsdex.jobs.JobScheduler#awaitStopping}). */
    boolean awaitStopping(Duration timeout) throws InterruptedException {
        return stopSignal.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void stop(Runnable callback) {
        // synchronously, not on a thread of its own: Spring's lifecycle processor counts a phase's stop callbacks
        // with one latch that the beans depending on this one (stopped first) also count down, so it would not wait
        // for this callback (spring-framework#28277) and would close the connection pool under the running jobs
        try {
            stop();
        } finally {
            callback.run();
        }
    }

    @Override
    public void stop() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            stopping = true;
            stopSignal.countDown();
        }
        stopAll();
    }

    /** All groups in parallel: each may wait up to twice {@code shutdownMaxWait} for running jobs. */
    private void stopAll() {
        Thread startThread = starter;
        Built groups = built;
        if (startThread != null) {
            try {
                startThread.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (groups == null) {
            return;
        }
        List<Thread> stopping = new ArrayList<>();
        for (GroupRuntime group : groups.groups().values()) {
            stopping.add(Thread.ofPlatform()
                    .name("jobs-stop-" + group.group())
                    .start(() -> group.scheduler().stop()));
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.info("JobRegistry stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    List<GroupStatus> status() {
        Built groups = built;
        if (groups == null) {
            return List.of();
        }
        return groups.groups().values().stream()
                .map(g -> new GroupStatus(
                        g.group(),
                        g.settings().threads(),
                        g.settings().pollInterval(),
                        g.scheduler().getSchedulerState().isStarted(),
                        g.scheduler().getSchedulerState().isShuttingDown(),
                        g.scheduler().getCurrentlyExecuting().size(),
                        g.tasks()))
                .toList();
    }
}
