/// `podterm verify`: runs a scenario's process tree for real and compares it with the simulation.
public enum PodTermVerify {}
