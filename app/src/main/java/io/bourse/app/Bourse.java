package io.bourse.app;

import io.bourse.gateway.http.SocketPollers;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one executable: each Bourse process is a subcommand of it. */
@Command(name = "bourse", mixinStandardHelpOptions = true, version = "bourse 0.1.0",
        description = "Bourse: a trading platform whose stateless and stateful tiers both scale out.",
        subcommands = {DevCommand.class, EngineCommand.class, GatewayCommand.class, AdminCommand.class,
                io.bourse.bench.load.BenchCommand.class})
public final class Bourse implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        SocketPollers.preferPlatformThreads();
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Bourse()).setExecutionExceptionHandler(Bourse::reportFailure);
    }

    /**
     * A command that fails says why, a line for the failure and one for each cause, not with a stack
     * trace. A wrapper that says nothing but its cause (an {@code ExecutionException}, say) is skipped.
     */
    private static int reportFailure(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
        Throwable shown = failure;
        while (shown.getCause() != null && String.valueOf(shown.getCause()).equals(shown.getMessage())) {
            shown = shown.getCause();
        }
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + " failed: " + describe(shown));
        for (Throwable cause = shown.getCause(); cause != null; cause = cause.getCause()) {
            err.println("  caused by: " + describe(cause));
        }
        err.flush();
        return 1;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
