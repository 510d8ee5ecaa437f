package dev.purenet.cli;

import dev.purenet.data.DataFormatException;
import dev.purenet.io.SnapshotException;
import dev.purenet.math.NativeLibraryException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code purenet}: train, evaluate and inspect networks on MNIST-format data. */
@Command(name = "purenet", mixinStandardHelpOptions = true, version = "purenet 0.1.0",
        description = "Neural networks the way Nielsen's book teaches them: immutable networks, batched backprop.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, ReplayCommand.class, ReportCommand.class,
                DemoCommand.class,
                ExportCommand.class, BenchCommand.class, InfoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for a run that failed on bad data or files (usage errors exit with 2). */
    static final int FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The {@code purenet} command: runs the command line and exits the JVM with its exit code
     * (0 on success, {@value #FAILED} when a run fails on bad data or files, 2 for a usage error).
     *
     * @param args the command line, e.g. {@code train --epochs 5}
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code; used by tests. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("purenet: " + e.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, parseResult) -> {
            if (e instanceof DataFormatException || e instanceof SnapshotException || e instanceof UncheckedIOException
                    || e instanceof NativeLibraryException || e instanceof IllegalArgumentException) {
                c.getErr().println("purenet: " + e.getMessage());
                return FAILED;
            }
            throw e;
        });
        Memory.reset();
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // What filled the heap is unreachable now that the stack has unwound: there is room to say so.
            err.println("purenet: " + Memory.outOfMemory(e, Runtime.getRuntime().maxMemory()));
            return FAILED;
        }
    }
}
