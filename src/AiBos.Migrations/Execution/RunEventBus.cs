namespace AiBos.Migrations.Execution;

/// <summary>
/// In-process fan-out of the run events of this process, for hosts to relay (SignalR, live CLI output). Events of runs
/// in other processes arrive through <see cref="RunEventListener"/>.
/// </summary>
public sealed class RunEventBus : EventFanOut<RunEvent>;
