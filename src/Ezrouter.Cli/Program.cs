using System.Text;
using Ezrouter.Cli;
using Ezrouter.Cli.Hosting;

// UTF-8 whatever the platform's default, so tool-call arrows and model text print as sent.
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = true };
var stderr = TextWriter.Synchronized(new StreamWriter(Console.OpenStandardError(), utf8) { AutoFlush = true });
using var signals = new ShutdownSignals(stderr);
return await CliApp.RunAsync(args, CliConsole.FromSystem(stdout, stderr), signals);
