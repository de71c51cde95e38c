return DropoutLab.Cli.CliApp.Run(args, Console.Out, Console.Error);
