"""Reading a patient's account: who the patient is, the timeline, outcomes and imaging findings."""
