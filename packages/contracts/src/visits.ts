// Contracts of the visits module: request and response schemas shared by the API and the web app.
export {};
