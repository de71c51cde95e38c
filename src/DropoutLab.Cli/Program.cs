using var interruption = DropoutLab.Cli.CliInterruption.ListenToSignals();
return DropoutLab.Cli.CliApp.Run(args, Console.Out, Console.Error, interruption);
