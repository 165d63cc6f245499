import { memo } from "react";
import { nextSteps } from "../../core/bundle/next-steps";
import type { WizardState } from "../../core/config/wizard-state";

/** What to do with the files: the same steps the downloaded READMEs carry. */
export const NextStepsPanel = memo(function NextStepsPanel({ state }: { state: WizardState }) {
  return (
    <section className="next-steps" aria-labelledby="next-steps-title">
      <h2 id="next-steps-title">Next steps</h2>
      <ol>
        {nextSteps(state).map((step) => (
          <li key={step.title}>
            <h3>{step.title}</h3>
            <p>
              {step.text}
              {step.links.map((link, index) => (
                <span key={link.url}>
                  {index === 0 ? " See " : ", "}
                  <a href={link.url} target="_blank" rel="noreferrer">
                    {link.label}
                  </a>
                  {index === step.links.length - 1 ? "." : ""}
                </span>
              ))}
            </p>
            {step.commands && <pre className="command">{step.commands}</pre>}
          </li>
        ))}
      </ol>
    </section>
  );
});
