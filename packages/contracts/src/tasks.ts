// Contracts of the tasks module: request and response schemas shared by the API and the web app.
export {};
